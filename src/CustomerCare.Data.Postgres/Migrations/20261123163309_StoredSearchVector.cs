using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Postgres.Migrations
{
    /// <summary>
    /// Full-text search reads a stored vector instead of computing one per row: the english || german tsvector
    /// of title and body becomes a generated column ("SearchVector", kept current by PostgreSQL on every insert
    /// and update), and the GIN index moves onto it. The column is not in the EF model — only PostSearch's SQL
    /// reads it — so the SQLite and SQL Server models stay as they are (they index with FTS5 and full-text).
    /// Before, a search at 100,000 ideas recomputed the vector for every idea it tested (docs/benchmarks.md).
    /// </summary>
    public partial class StoredSearchVector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_Posts_FullText";
                ALTER TABLE "Posts" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    to_tsvector('english'::regconfig, "Title" || ' ' || "Body") || to_tsvector('german'::regconfig, "Title" || ' ' || "Body")) STORED;
                CREATE INDEX "IX_Posts_FullText" ON "Posts" USING GIN ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_Posts_FullText";
                ALTER TABLE "Posts" DROP COLUMN IF EXISTS "SearchVector";
                CREATE INDEX "IX_Posts_FullText" ON "Posts" USING GIN (
                    (to_tsvector('english'::regconfig, "Title" || ' ' || "Body") || to_tsvector('german'::regconfig, "Title" || ' ' || "Body")));
                """);
        }
    }
}
