using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Sqlite.Migrations
{
    /// <summary>
    /// ComplaintResolutionAndIdeaLink rebuilt Posts (SQLite adds its foreign keys that way), which dropped the
    /// search index's triggers: created again here exactly as in RestoreSearchTriggers.
    /// </summary>
    public partial class RestoreSearchTriggersAfterResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Posts_Search_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Posts_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Posts_Search_Update";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Posts_Search_Insert" AFTER INSERT ON "Posts" BEGIN
                    INSERT INTO "PostSearch"(rowid, "Title", "Body") VALUES (new."Id", new."Title", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Posts_Search_Delete" AFTER DELETE ON "Posts" BEGIN
                    INSERT INTO "PostSearch"("PostSearch", rowid, "Title", "Body") VALUES ('delete', old."Id", old."Title", old."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Posts_Search_Update" AFTER UPDATE OF "Title", "Body" ON "Posts" BEGIN
                    INSERT INTO "PostSearch"("PostSearch", rowid, "Title", "Body") VALUES ('delete', old."Id", old."Title", old."Body");
                    INSERT INTO "PostSearch"(rowid, "Title", "Body") VALUES (new."Id", new."Title", new."Body");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "PostSearch"("PostSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // As in RestoreSearchTriggers: going below ComplaintResolutionAndIdeaLink rebuilds Posts again.
        }
    }
}
