using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintResolutionAndIdeaLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsResolutionProposal",
                table: "Replies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "LinkedIdeaAt",
                table: "Posts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkedIdeaById",
                table: "Posts",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LinkedIdeaId",
                table: "Posts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Posts",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RatedAt",
                table: "Posts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rating",
                table: "Posts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RatingComment",
                table: "Posts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Posts_LinkedIdeaById",
                table: "Posts",
                column: "LinkedIdeaById");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_LinkedIdeaId",
                table: "Posts",
                column: "LinkedIdeaId");

            migrationBuilder.AddForeignKey(
                name: "FK_Posts_AspNetUsers_LinkedIdeaById",
                table: "Posts",
                column: "LinkedIdeaById",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Posts_Posts_LinkedIdeaId",
                table: "Posts",
                column: "LinkedIdeaId",
                principalTable: "Posts",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Posts_AspNetUsers_LinkedIdeaById",
                table: "Posts");

            migrationBuilder.DropForeignKey(
                name: "FK_Posts_Posts_LinkedIdeaId",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_LinkedIdeaById",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_LinkedIdeaId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "IsResolutionProposal",
                table: "Replies");

            migrationBuilder.DropColumn(
                name: "LinkedIdeaAt",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "LinkedIdeaById",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "LinkedIdeaId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "RatedAt",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "Rating",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "RatingComment",
                table: "Posts");
        }
    }
}
