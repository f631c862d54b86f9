using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Postgres.Migrations
{
    /// <summary>
    /// The stored search vector joins PostgreSQL's model (a shadow property, PostSearch.MapPostgresVector) so the
    /// board's search can be written in LINQ on the listed rows. The column itself exists since "StoredSearchVector"
    /// (created there in SQL, with the GIN index on it), so this migration changes the snapshot only.
    /// </summary>
    public partial class SearchVectorInModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
