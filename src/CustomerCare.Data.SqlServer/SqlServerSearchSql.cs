using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerCare.Data.SqlServer;

/// <summary>
/// SQL Server's full-text search, written once for every migration that needs it: a catalog and a language-neutral
/// full-text index over the posts' title and body, which <c>CustomerCare.Data/Search/PostSearch.cs</c> asks in
/// English and German.
/// </summary>
/// <remarks>
/// SQL Server refuses full-text DDL inside a user transaction, so every statement here suppresses the migration's
/// transaction. Each is guarded: a server without Full-Text Search (LocalDB) skips them and the portal searches with
/// LIKE, and a statement run twice changes nothing. The SQL here is what a new database gets from Initial; a change
/// to it reaches existing databases only through a new migration that calls the changed method again.
/// </remarks>
public static class SqlServerSearchSql
{
    public static void CreateFullText(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(
            """
            IF FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') = 1 AND NOT EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE [name] = N'CustomerCareSearch')
                EXEC(N'CREATE FULLTEXT CATALOG [CustomerCareSearch];');
            """,
            suppressTransaction: true);
        migrationBuilder.Sql(
            """
            IF FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') = 1 AND NOT EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE [object_id] = OBJECT_ID(N'[Posts]'))
                EXEC(N'CREATE FULLTEXT INDEX ON [Posts] ([Title] LANGUAGE 0, [Body] LANGUAGE 0) KEY INDEX [PK_Posts] ON [CustomerCareSearch] WITH CHANGE_TRACKING AUTO;');
            """,
            suppressTransaction: true);
    }

    /// <summary>Drops the index and the catalog (before Posts itself is dropped).</summary>
    public static void DropFullText(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(
            """
            IF EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE [object_id] = OBJECT_ID(N'[Posts]'))
                EXEC(N'DROP FULLTEXT INDEX ON [Posts];');
            """,
            suppressTransaction: true);
        migrationBuilder.Sql(
            """
            IF EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE [name] = N'CustomerCareSearch')
                EXEC(N'DROP FULLTEXT CATALOG [CustomerCareSearch];');
            """,
            suppressTransaction: true);
    }
}
