using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CustomerCare.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintMoodAndOwners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Mood",
                table: "Posts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Posts",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "Posts",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ComplaintHandovers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    FromOwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ToOwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintHandovers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintHandovers_AspNetUsers_ById",
                        column: x => x.ById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ComplaintHandovers_AspNetUsers_FromOwnerId",
                        column: x => x.FromOwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ComplaintHandovers_AspNetUsers_ToOwnerId",
                        column: x => x.ToOwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ComplaintHandovers_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_OwnerId_Status",
                table: "Posts",
                columns: new[] { "Kind", "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_OwnerId",
                table: "Posts",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintHandovers_ById",
                table: "ComplaintHandovers",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintHandovers_FromOwnerId",
                table: "ComplaintHandovers",
                column: "FromOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintHandovers_PostId_At",
                table: "ComplaintHandovers",
                columns: new[] { "PostId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintHandovers_ToOwnerId_At",
                table: "ComplaintHandovers",
                columns: new[] { "ToOwnerId", "At" });

            migrationBuilder.AddForeignKey(
                name: "FK_Posts_AspNetUsers_OwnerId",
                table: "Posts",
                column: "OwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Posts_AspNetUsers_OwnerId",
                table: "Posts");

            migrationBuilder.DropTable(
                name: "ComplaintHandovers");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_OwnerId_Status",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_OwnerId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Mood",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "Posts");
        }
    }
}
