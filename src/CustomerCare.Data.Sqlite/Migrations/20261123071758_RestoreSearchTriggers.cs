using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Sqlite.Migrations
{
    /// <summary>
    /// ComplaintMoodAndOwners rebuilt Posts (SQLite adds a foreign key that way), which dropped the search
    /// index's triggers: they are created again here, written out as in FullTextSearch (a migration is a
    /// snapshot and must not change when later code does). The rebuild fired no triggers, so the index
    /// still matches; 'rebuild' makes sure. Any later migration that rebuilds Posts needs the same step.
    /// </summary>
    public partial class RestoreSearchTriggers : Migration
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
            // Going below ComplaintMoodAndOwners rebuilds Posts again and drops the triggers anyway; a
            // downgraded SQLite database gets them back by migrating up again.
        }
    }
}
