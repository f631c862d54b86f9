using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CustomerCare.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IdeaCategoriesAndReleases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CategoryId",
                table: "Posts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShippedIn",
                table: "Posts",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Categories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameEnglish = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    NameGerman = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Categories", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "Categories",
                columns: new[] { "Id", "NameEnglish", "NameGerman", "Slug", "SortOrder" },
                values: new object[,]
                {
                    { 1, "App", "App", "app", 1 },
                    { 2, "Customer portal", "Kundenportal", "portal", 2 },
                    { 3, "Billing and payments", "Rechnung und Zahlung", "billing", 3 },
                    { 4, "Tariffs and products", "Tarife und Produkte", "tariffs", 4 },
                    { 5, "Service and contact", "Service und Kontakt", "service", 5 },
                    { 6, "Network and outages", "Netz und Störungen", "network", 6 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_CategoryId",
                table: "Posts",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_CategoryId",
                table: "Posts",
                columns: new[] { "Kind", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_Status_ShippedIn",
                table: "Posts",
                columns: new[] { "Kind", "Status", "ShippedIn" });

            migrationBuilder.CreateIndex(
                name: "IX_Categories_Slug",
                table: "Categories",
                column: "Slug",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Posts_Categories_CategoryId",
                table: "Posts",
                column: "CategoryId",
                principalTable: "Categories",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Posts_Categories_CategoryId",
                table: "Posts");

            migrationBuilder.DropTable(
                name: "Categories");

            migrationBuilder.DropIndex(
                name: "IX_Posts_CategoryId",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_CategoryId",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_Status_ShippedIn",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "CategoryId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "ShippedIn",
                table: "Posts");
        }
    }
}
