using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BoardSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_CreatedAt",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_ReplyCount",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_TrendWeight",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_VoteCount",
                table: "Posts");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_CreatedAt_Id",
                table: "Posts",
                columns: new[] { "Kind", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_ReplyCount_CreatedAt_Id",
                table: "Posts",
                columns: new[] { "Kind", "ReplyCount", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_TrendWeight_CreatedAt_Id",
                table: "Posts",
                columns: new[] { "Kind", "TrendWeight", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_VoteCount_CreatedAt_Id",
                table: "Posts",
                columns: new[] { "Kind", "VoteCount", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_CreatedAt_Id",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_ReplyCount_CreatedAt_Id",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_TrendWeight_CreatedAt_Id",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_VoteCount_CreatedAt_Id",
                table: "Posts");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_CreatedAt",
                table: "Posts",
                columns: new[] { "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_ReplyCount",
                table: "Posts",
                columns: new[] { "Kind", "ReplyCount" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_TrendWeight",
                table: "Posts",
                columns: new[] { "Kind", "TrendWeight" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_VoteCount",
                table: "Posts",
                columns: new[] { "Kind", "VoteCount" });
        }
    }
}
