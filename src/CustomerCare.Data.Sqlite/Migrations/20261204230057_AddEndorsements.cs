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

            migrationBuilder.AddColumn<string>(
                name: "EndorsedById",
                table: "Replies",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Replies_EndorsedById",
                table: "Replies",
                column: "EndorsedById");

            migrationBuilder.CreateIndex(
                name: "IX_HelpfulMarks_ReplyAuthorId_ByCustomer",
                table: "HelpfulMarks",
                columns: new[] { "ReplyAuthorId", "ByCustomer" });

            migrationBuilder.AddForeignKey(
                name: "FK_Replies_AspNetUsers_EndorsedById",
                table: "Replies",
                column: "EndorsedById",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
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
