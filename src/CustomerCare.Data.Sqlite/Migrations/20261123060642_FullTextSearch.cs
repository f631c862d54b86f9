using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Sqlite.Migrations
{
    /// <summary>
    /// An FTS5 index over the posts' title and body (porter stemmer, diacritics folded, prefix terms), kept
    /// in step with Posts by triggers. Only a change of Title or Body touches it, never a vote.
    /// A later migration that makes EF rebuild the Posts table (drop and rename) drops these triggers:
    /// such a migration must create them again (a test checks they exist after every migration).
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "PostSearch" USING fts5(
                    "Title", "Body", content='Posts', content_rowid='Id',
                    tokenize='porter unicode61 remove_diacritics 2', prefix='2 3');
                """);
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
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Posts_Search_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Posts_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Posts_Search_Insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "PostSearch";""");
        }
    }
}
