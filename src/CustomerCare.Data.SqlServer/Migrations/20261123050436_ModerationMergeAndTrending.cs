using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ModerationMergeAndTrending : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Posts",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OfficialAnswerId",
                table: "Posts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovalReason",
                table: "Posts",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemovedAt",
                table: "Posts",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovedById",
                table: "Posts",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "TrendWeight",
                table: "Posts",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PostId = table.Column<int>(type: "int", nullable: false),
                    ReplyId = table.Column<long>(type: "bigint", nullable: true),
                    Action = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ActorId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Details = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditEntries_AspNetUsers_ActorId",
                        column: x => x.ActorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AuditEntries_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_ReplyCount",
                table: "Posts",
                columns: new[] { "Kind", "ReplyCount" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_Kind_TrendWeight",
                table: "Posts",
                columns: new[] { "Kind", "TrendWeight" });

            migrationBuilder.CreateIndex(
                name: "IX_Posts_MergedIntoId",
                table: "Posts",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_OfficialAnswerId",
                table: "Posts",
                column: "OfficialAnswerId");

            migrationBuilder.CreateIndex(
                name: "IX_Posts_RemovedById",
                table: "Posts",
                column: "RemovedById");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorId",
                table: "AuditEntries",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PostId_At",
                table: "AuditEntries",
                columns: new[] { "PostId", "At" });

            migrationBuilder.AddForeignKey(
                name: "FK_Posts_AspNetUsers_RemovedById",
                table: "Posts",
                column: "RemovedById",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Posts_Posts_MergedIntoId",
                table: "Posts",
                column: "MergedIntoId",
                principalTable: "Posts",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_Posts_Replies_OfficialAnswerId",
                table: "Posts",
                column: "OfficialAnswerId",
                principalTable: "Replies",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Posts_AspNetUsers_RemovedById",
                table: "Posts");

            migrationBuilder.DropForeignKey(
                name: "FK_Posts_Posts_MergedIntoId",
                table: "Posts");

            migrationBuilder.DropForeignKey(
                name: "FK_Posts_Replies_OfficialAnswerId",
                table: "Posts");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_ReplyCount",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_Kind_TrendWeight",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_MergedIntoId",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_OfficialAnswerId",
                table: "Posts");

            migrationBuilder.DropIndex(
                name: "IX_Posts_RemovedById",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "OfficialAnswerId",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "RemovalReason",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "RemovedAt",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "RemovedById",
                table: "Posts");

            migrationBuilder.DropColumn(
                name: "TrendWeight",
                table: "Posts");
        }
    }
}
