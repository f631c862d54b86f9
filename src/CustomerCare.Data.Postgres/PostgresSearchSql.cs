using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerCare.Data.Postgres;

/// <summary>
/// PostgreSQL's full-text search index, written once for every migration that needs it. The stored generated column
/// "SearchVector" (english || german tsvector of title and body) is part of PostgreSQL's model
/// (<c>PostSearch.MapPostgresVector</c>), so EF creates it with Posts; the GIN index on it is not in the model and is
/// written here. <c>CustomerCare.Data/Search/PostSearch.cs</c> queries both.
/// </summary>
/// <remarks>
/// The SQL here is what a new database gets from Initial; a change to it reaches existing databases only through a
/// new migration that calls the changed method again.
/// </remarks>
public static class PostgresSearchSql
{
    /// <summary>The GIN index over the stored vector: a search tests no row's text, only the index and each listed row's vector.</summary>
    public static void CreateSearchIndex(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""CREATE INDEX "IX_Posts_FullText" ON "Posts" USING GIN ("SearchVector");""");
    }

    public static void DropSearchIndex(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Posts_FullText";""");
    }
}
