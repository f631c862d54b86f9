using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Postgres.Migrations
{
    /// <summary>
    /// One GIN index over the posts' title and body as tsvectors in the english and the german configuration,
    /// so either language's word forms are found. The expression is written exactly as PostSearch queries it.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Posts_FullText" ON "Posts" USING GIN (
                    (to_tsvector('english'::regconfig, "Title" || ' ' || "Body") || to_tsvector('german'::regconfig, "Title" || ' ' || "Body")));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Posts_FullText";""");
        }
    }
}
