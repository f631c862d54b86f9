using CustomerCare.Data;
using CustomerCare.Data.Search;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Search;

public sealed class PostgresSearchTests(PostgresPortalFactory portal) : SearchTests(portal), IClassFixture<PostgresPortalFactory>
{

    [Fact]
    public async Task Postgres_search_reads_a_stored_vector_under_a_GIN_index()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await Databases.CreateDbContextAsync(ct);

        var generated = await db.Database
            .SqlQuery<string>($"SELECT is_generated AS \"Value\" FROM information_schema.columns WHERE table_name = 'Posts' AND column_name = 'SearchVector'")
            .SingleAsync(ct);
        var index = await db.Database
            .SqlQuery<string>($"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'Posts' AND indexname = 'IX_Posts_FullText'")
            .SingleAsync(ct);

        // The column comes from the model, the index from hand-written SQL (PostgresSearchSql): both must be there.
        Assert.Equal("ALWAYS", generated);
        Assert.Contains("USING gin (\"SearchVector\")", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trending_is_two_indexes_and_the_covering_one_takes_any_idea_it_admits()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await Databases.CreateDbContextAsync(ct);
        var indexes = await db.Database
            .SqlQuery<string>($"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'Posts' AND indexdef LIKE '%TrendWeight%' ORDER BY indexname")
            .ToListAsync(ct);

        // Bodies whose vectors are as large as their text allows: many short distinct lexemes, digits, long tokens. A btree
        // entry over 2,704 bytes would fail the insert (and every later vote on the idea), so the bound must hold for all.
        string[] shapes = ["{0}", "a{0}", "z{0}q", "Wort{0}Verbindung", "{0}{0}{0}{0}{0}{0}"];
        foreach (var shape in shapes)
        {
            foreach (var words in new[] { 100, 150, 200, 250, 300, 2000 })
            {
                var body = string.Join(' ', Enumerable.Range(1, words).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, i)));
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO \"Posts\" (\"Kind\", \"Title\", \"Body\", \"AuthorId\", \"CreatedAt\", \"UpdatedAt\", \"Status\", \"IsPublic\", \"VoteCount\", \"ReplyCount\", \"TrendWeight\", \"LoyalVoteCount\", \"NewcomerVoteCount\") SELECT 'Idea', 'Bound', {body[..Math.Min(body.Length, 10_000)]}, \"Id\", now(), now(), 'Open', true, 0, 0, 0, 0, 0 FROM \"AspNetUsers\" LIMIT 1",
                    ct);
            }
        }

        var largest = await db.Database
            .SqlQuery<int>($"SELECT COALESCE(MAX(pg_column_size(\"SearchVector\")), 0) AS \"Value\" FROM \"Posts\" WHERE \"SearchVectorSize\" <= {PostgresTrending.CoveredVectorSize}")
            .SingleAsync(ct);
        var uncovered = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM \"Posts\" WHERE \"Title\" = 'Bound' AND \"SearchVectorSize\" > {PostgresTrending.CoveredVectorSize}")
            .SingleAsync(ct);

        Assert.Equal(2, indexes.Count);
        Assert.Contains(indexes, i => i.Contains("IX_Posts_Trending_Covered", StringComparison.Ordinal) && i.Contains("INCLUDE (\"IsPublic\", \"AuthorId\", \"HeldAt\", \"SearchVector\")", StringComparison.Ordinal));
        Assert.Contains(indexes, i => i.Contains("IX_Posts_Trending_Uncovered", StringComparison.Ordinal));
        Assert.InRange(largest, 1, 2_009);
        Assert.InRange(uncovered, 1, shapes.Length * 6 - 1);
    }

    protected override async Task AssertReadFromBothTrendingIndexesAsync(CareDb db, IReadOnlyList<int> all, IReadOnlyList<int> longOnes)
    {
        var ct = TestContext.Current.CancellationToken;
        var uncovered = await db.Database
            .SqlQuery<int>($"SELECT \"Id\" AS \"Value\" FROM \"Posts\" WHERE \"Id\" = ANY({all.ToArray()}) AND \"SearchVectorSize\" > {PostgresTrending.CoveredVectorSize} ORDER BY \"Id\"")
            .ToListAsync(ct);

        Assert.Equal(longOnes.Order(), uncovered);
    }
}
