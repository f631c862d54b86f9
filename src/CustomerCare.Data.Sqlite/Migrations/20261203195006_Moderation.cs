using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HeldAt",
                table: "Replies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HiddenAt",
                table: "Replies",
                type: "TEXT",
                nullable: true);

            // The two new references to a user are added with their column in one ALTER TABLE ... REFERENCES (SQLite
            // allows it for a column that defaults to NULL), not as AddColumn + AddForeignKey: EF would rebuild
            // AspNetUsers and Replies for those, with PRAGMA foreign_keys outside the transaction and a warning at
            // every first start. The foreign keys are the model's, Restrict, named as EF names them.
            migrationBuilder.Sql(
                """ALTER TABLE "Replies" ADD COLUMN "HiddenById" TEXT NULL CONSTRAINT "FK_Replies_AspNetUsers_HiddenById" REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT;""");

            migrationBuilder.AddColumn<string>(
                name: "HiddenReason",
                table: "Replies",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HoldReason",
                table: "Replies",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HeldAt",
                table: "Posts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HoldReason",
                table: "Posts",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BlockReason",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "BlockedAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql(
                """ALTER TABLE "AspNetUsers" ADD COLUMN "BlockedById" TEXT NULL CONSTRAINT "FK_AspNetUsers_AspNetUsers_BlockedById" REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT;""");

            migrationBuilder.CreateTable(
                name: "Reports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplyId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReporterId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reports_AspNetUsers_ReporterId",
                        column: x => x.ReporterId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reports_AspNetUsers_ResolvedById",
                        column: x => x.ResolvedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Reports_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Reports_Replies_ReplyId",
                        column: x => x.ReplyId,
                        principalTable: "Replies",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Replies_HeldAt",
                table: "Replies",
                column: "HeldAt");

            migrationBuilder.CreateIndex(
                name: "IX_Replies_HiddenById",
                table: "Replies",
                column: "HiddenById");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_HeldAt",
                table: "Posts",
                column: "HeldAt");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_BlockedAt",
                table: "AspNetUsers",
                column: "BlockedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_BlockedById",
                table: "AspNetUsers",
                column: "BlockedById");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_OpenKey",
                table: "Reports",
                column: "OpenKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reports_PostId_ReplyId",
                table: "Reports",
                columns: new[] { "PostId", "ReplyId" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_ReplyId",
                table: "Reports",
                column: "ReplyId");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_ReporterId",
                table: "Reports",
                column: "ReporterId");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_ResolvedAt_CreatedAt",
                table: "Reports",
                columns: new[] { "ResolvedAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_ResolvedById",
                table: "Reports",
                column: "ResolvedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_AspNetUsers_BlockedById",
                table: "AspNetUsers");

            migrationBuilder.DropForeignKey(
                name: "FK_Replies_AspNetUsers_HiddenById",
                table: "Replies");

            migrationBuilder.DropTable(
                name: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Replies_HeldAt",
                table: "Replies");

            migrationBuilder.DropIndex(
                name: "IX_Replies_HiddenById",
                table: "Replies");

            migrationBuilder.DropIndex(
                name: "IX_Posts_HeldAt",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_BlockedAt",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_BlockedById",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "HeldAt",
                table: "Replies");

            migrationBuilder.DropColumn(
                name: "HiddenAt",
                table: "Replies");

            migrationBuilder.DropColumn(
                name: "HiddenById",
                table: "Replies");

            migrationBuilder.DropColumn(
                name: "HiddenReason",
                table: "Replies");

            migrationBuilder.DropColumn(
                name: "HoldReason",
                table: "Replies");

            migrationBuilder.DropColumn(
                name: "HeldAt",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "HoldReason",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "BlockReason",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "BlockedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "BlockedById",
                table: "AspNetUsers");
        }
    }
}
