using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AnswerId",
                table: "Posts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnswerMarkedAt",
                table: "Posts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnswerMarkedById",
                table: "Posts",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Posts_AnswerId",
                table: "Posts",
                column: "AnswerId");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_AnswerMarkedById",
                table: "Posts",
                column: "AnswerMarkedById");

            migrationBuilder.AddForeignKey(
                name: "FK_Posts_AspNetUsers_AnswerMarkedById",
                table: "Posts",
                column: "AnswerMarkedById",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Posts_Replies_AnswerId",
                table: "Posts",
                column: "AnswerId",
                principalTable: "Replies",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Posts_AspNetUsers_AnswerMarkedById",
                table: "Posts");

            migrationBuilder.DropForeignKey(
                name: "FK_Posts_Replies_AnswerId",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_AnswerId",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_AnswerMarkedById",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "AnswerId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "AnswerMarkedAt",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "AnswerMarkedById",
                table: "Posts");
        }
    }
}
