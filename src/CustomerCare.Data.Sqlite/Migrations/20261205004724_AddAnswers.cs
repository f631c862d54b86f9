using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Both references come with their columns in one ALTER TABLE ... REFERENCES each, as in AddEndorsements: an
            // AddForeignKey would make EF rebuild Posts. The keys are the model's: NO ACTION to the reply, RESTRICT to the user.
            migrationBuilder.Sql(
                """ALTER TABLE "Posts" ADD COLUMN "AnswerId" INTEGER NULL CONSTRAINT "FK_Posts_Replies_AnswerId" REFERENCES "Replies" ("Id");""");

            migrationBuilder.AddColumn<DateTime>(
                name: "AnswerMarkedAt",
                table: "Posts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql(
                """ALTER TABLE "Posts" ADD COLUMN "AnswerMarkedById" TEXT NULL CONSTRAINT "FK_Posts_AspNetUsers_AnswerMarkedById" REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT;""");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_AnswerId",
                table: "Posts",
                column: "AnswerId");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_AnswerMarkedById",
                table: "Posts",
                column: "AnswerMarkedById");
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
