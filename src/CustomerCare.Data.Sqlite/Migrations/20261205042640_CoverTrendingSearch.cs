using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerCare.Data.Sqlite.Migrations
{
    /// <summary>Nothing here: the covering Trending indexes are PostgreSQL's (PostgresTrending); this keeps the three chains alike.</summary>
    public partial class CoverTrendingSearch : Migration
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
