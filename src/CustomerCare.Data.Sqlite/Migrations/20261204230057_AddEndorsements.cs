using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddEndorsements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HelpfulMarks_ReplyAuthorId_ByCustomer_UserId",
                table: "HelpfulMarks");

            migrationBuilder.AddColumn<DateTime>(
                name: "EndorsedAt",
                table: "Replies",
                type: "TEXT",
                nullable: true);

            // The reference to a user is added with its column in one ALTER TABLE ... REFERENCES, as in Moderation: an
            // AddForeignKey would make EF rebuild Replies, with PRAGMA foreign_keys outside the transaction, a warning at
            // every first start, and the rebuilt table losing the counters' defaults. The key is the model's, Restrict.
            migrationBuilder.Sql(
                """ALTER TABLE "Replies" ADD COLUMN "EndorsedById" TEXT NULL CONSTRAINT "FK_Replies_AspNetUsers_EndorsedById" REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT;""");

            migrationBuilder.CreateIndex(
                name: "IX_Replies_EndorsedById",
                table: "Replies",
                column: "EndorsedById");

            migrationBuilder.CreateIndex(
                name: "IX_HelpfulMarks_ReplyAuthorId_ByCustomer",
                table: "HelpfulMarks",
                columns: new[] { "ReplyAuthorId", "ByCustomer" });

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Replies_AspNetUsers_EndorsedById",
                table: "Replies");

            migrationBuilder.DropIndex(
                name: "IX_Replies_EndorsedById",
                table: "Replies");

            migrationBuilder.DropIndex(
                name: "IX_HelpfulMarks_ReplyAuthorId_ByCustomer",
                table: "HelpfulMarks");

            migrationBuilder.DropColumn(
                name: "EndorsedAt",
                table: "Replies");

            migrationBuilder.DropColumn(
                name: "EndorsedById",
                table: "Replies");

            migrationBuilder.CreateIndex(
                name: "IX_HelpfulMarks_ReplyAuthorId_ByCustomer_UserId",
                table: "HelpfulMarks",
                columns: new[] { "ReplyAuthorId", "ByCustomer", "UserId" });
        }
    }
}
