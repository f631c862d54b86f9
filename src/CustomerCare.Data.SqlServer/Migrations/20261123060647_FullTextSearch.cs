using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.SqlServer.Migrations
{
    /// <summary>
    /// A full-text catalog and a language-neutral full-text index over the posts' title and body; queries
    /// ask in English and German. Full-text statements cannot run inside a transaction, and a server
    /// without Full-Text Search (LocalDB) skips them: the portal then searches with LIKE.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
}
