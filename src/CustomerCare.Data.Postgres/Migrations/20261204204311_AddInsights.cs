using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CustomerCare.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddInsights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_AuthorId",
                table: "Posts");

            migrationBuilder.AddColumn<int>(
                name: "LoyalVoteCount",
                table: "Posts",
                type: "integer",
                nullable: false,
                defaultValue: -1); // not counted yet: VoteBands.BackfillAsync counts the posts there are at the first start

            migrationBuilder.AddColumn<int>(
                name: "NewcomerVoteCount",
                table: "Posts",
                type: "integer",
                nullable: false,
                defaultValue: -1); // not counted yet: VoteBands.BackfillAsync counts the posts there are at the first start

            migrationBuilder.CreateTable(
                name: "ComplaintWaits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    First = table.Column<bool>(type: "boolean", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintWaits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintWaits_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StatusChanges_To_ChangedAt",
                table: "StatusChanges",
                columns: new[] { "To", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SolvesItAnswers_At",
                table: "SolvesItAnswers",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_AuthorId_Kind_CreatedAt_Id",
                table: "Posts",
                columns: new[] { "AuthorId", "Kind", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_LoyalVoteCount_Id",
                table: "Posts",
                columns: new[] { "Kind", "LoyalVoteCount", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_NewcomerVoteCount_Id",
                table: "Posts",
                columns: new[] { "Kind", "NewcomerVoteCount", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_RatedAt",
                table: "Posts",
                columns: new[] { "Kind", "RatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintWaits_AnsweredAt",
                table: "ComplaintWaits",
                column: "AnsweredAt");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintWaits_EndedAt_Since",
                table: "ComplaintWaits",
                columns: new[] { "EndedAt", "Since" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintWaits_EscalatedAt",
                table: "ComplaintWaits",
                column: "EscalatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintWaits_PostId_EndedAt",
                table: "ComplaintWaits",
                columns: new[] { "PostId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintWaits");

            migrationBuilder.DropIndex(
                name: "IX_StatusChanges_To_ChangedAt",
                table: "StatusChanges");

            migrationBuilder.DropIndex(
                name: "IX_SolvesItAnswers_At",
                table: "SolvesItAnswers");

            migrationBuilder.DropIndex(
                name: "IX_Posts_AuthorId_Kind_CreatedAt_Id",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_LoyalVoteCount_Id",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_NewcomerVoteCount_Id",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_RatedAt",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "LoyalVoteCount",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "NewcomerVoteCount",
                table: "Posts");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_AuthorId",
                table: "Posts",
                column: "AuthorId");
        }
    }
}
