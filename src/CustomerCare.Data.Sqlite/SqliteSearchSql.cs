using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerCare.Data.Sqlite;

/// <summary>
/// SQLite's full-text search, written once for every migration that needs it: an FTS5 table "PostSearch" over the
/// posts' title and body (porter stemmer, diacritics folded, prefix indexes of 2 and 3 characters) that
/// <c>CustomerCare.Data/Search/PostSearch.cs</c> queries, kept in step with Posts by triggers that fire only when
/// Title or Body change, never on a vote.
/// </summary>
/// <remarks>
/// SQLite changes a table it cannot ALTER (a new foreign key, a changed column) by rebuilding it: EF creates a new
/// table, copies the rows, drops the old one and renames. Dropping Posts drops its triggers, so a migration whose Up
/// rebuilds Posts must end with <see cref="RestoreTriggers"/> (SqliteSearchTests fails while they are missing).
/// The SQL here is what a new database gets from Initial; a change to it reaches existing databases only through a
/// new migration that calls the changed method again.
/// </remarks>
public static class SqliteSearchSql
{
    private static readonly string[] Triggers = ["Posts_Search_Insert", "Posts_Search_Delete", "Posts_Search_Update"];

    /// <summary>Creates the FTS5 table, its triggers and fills it from the posts already there.</summary>
    public static void CreateFts(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE "PostSearch" USING fts5(
                "Title", "Body", content='Posts', content_rowid='Id',
                tokenize='porter unicode61 remove_diacritics 2', prefix='2 3');
            """);
        RestoreTriggers(migrationBuilder);
    }

    /// <summary>
    /// Creates the triggers again (after a rebuild of Posts dropped them) and rebuilds the index from the posts: the
    /// copy of a rebuild fires no triggers, so the index should still match, and 'rebuild' makes sure it does.
    /// </summary>
    public static void RestoreTriggers(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        DropTriggers(migrationBuilder);
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

    /// <summary>Drops the triggers and the FTS5 table (before Posts itself is dropped).</summary>
    public static void DropFts(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        DropTriggers(migrationBuilder);
        migrationBuilder.Sql("""DROP TABLE IF EXISTS "PostSearch";""");
    }

    private static void DropTriggers(MigrationBuilder migrationBuilder)
    {
        foreach (var trigger in Triggers)
        {
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{trigger}";""");
        }
    }
}
