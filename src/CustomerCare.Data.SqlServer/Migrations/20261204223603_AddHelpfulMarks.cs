using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddHelpfulMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Replies_AuthorId",
                table: "Replies");

            migrationBuilder.AddColumn<int>(
                name: "HelpfulCount",
                table: "Replies",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "HelpfulMarks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ReplyId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ReplyAuthorId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ByCustomer = table.Column<bool>(type: "bit", nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpfulMarks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HelpfulMarks_AspNetUsers_ReplyAuthorId",
                        column: x => x.ReplyAuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HelpfulMarks_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HelpfulMarks_Replies_ReplyId",
                        column: x => x.ReplyId,
                        principalTable: "Replies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Replies_AuthorId_HelpfulCount_Id",
                table: "Replies",
                columns: new[] { "AuthorId", "HelpfulCount", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpfulMarks_ReplyAuthorId_ByCustomer_UserId",
                table: "HelpfulMarks",
                columns: new[] { "ReplyAuthorId", "ByCustomer", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpfulMarks_ReplyId_UserId",
                table: "HelpfulMarks",
                columns: new[] { "ReplyId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HelpfulMarks_UserId_At",
                table: "HelpfulMarks",
                columns: new[] { "UserId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HelpfulMarks");

            migrationBuilder.DropIndex(
                name: "IX_Replies_AuthorId_HelpfulCount_Id",
                table: "Replies");

            migrationBuilder.DropColumn(
                name: "HelpfulCount",
                table: "Replies");

            migrationBuilder.CreateIndex(
                name: "IX_Replies_AuthorId",
                table: "Replies",
                column: "AuthorId");
        }
    }
}
