using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CoverInsightsWaits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ComplaintWaits_AnsweredAt",
                table: "ComplaintWaits");

            migrationBuilder.DropIndex(
                name: "IX_ComplaintWaits_EndedAt_Since",
                table: "ComplaintWaits");

            migrationBuilder.DropIndex(
                name: "IX_ComplaintWaits_EscalatedAt",
                table: "ComplaintWaits");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintWaits_Period",
                table: "ComplaintWaits",
                columns: new[] { "EndedAt", "Since", "AnsweredAt", "First", "EscalatedAt", "PostId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ComplaintWaits_Period",
                table: "ComplaintWaits");

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
        }
    }
}
