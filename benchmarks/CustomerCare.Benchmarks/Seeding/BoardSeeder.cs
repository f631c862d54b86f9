using System.Diagnostics;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Benchmarks.Seeding;

public sealed record SeedResult(int FirstIdeaId, long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
}

/// <summary>Writes a <see cref="BoardData"/> into the portal's database in bulk and checks its counters afterwards.</summary>
public static class BoardSeeder
{
    public static async Task<SeedResult> SeedAsync(PortalHost host, BoardData data, BenchOptions options, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await host.Dbs.CreateDbContextAsync(ct);
        var categories = await db.Categories.OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync(ct);
        var firstId = (await db.Posts.MaxAsync(p => (int?)p.Id, ct) ?? 0) + 1;
        if (await db.Votes.AnyAsync(ct) || await db.Replies.AnyAsync(ct))
        {
            throw new InvalidOperationException("The board seeder writes explicit vote and reply ids: it needs a database without votes and replies.");
        }

        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.IsSqlite())
        {
            // Seeding only: this connection skips the fsyncs, which a crash mid-seed could not hurt (the
            // database is thrown away). The portal's own connections keep SQLite's defaults.
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF", ct);
        }

        var size = data.Size;
        await WriteAsync<CareUser>(db, options, "users", size.Users, BoardData.UserColumns, data.Users(), ct);
        await WriteAsync<Post>(db, options, "ideas", size.Ideas, BoardData.PostColumns, data.Ideas(firstId, categories), ct);
        await WriteAsync<Vote>(db, options, "votes", size.Votes, BoardData.VoteColumns, data.Votes(firstId), ct);
        await WriteAsync<Reply>(db, options, "replies", size.Replies, BoardData.ReplyColumns, data.Replies(firstId), ct);
        if (db.Database.IsNpgsql())
        {
            // COPY wrote explicit ids past the identity sequences; the portal's next insert must not collide.
            foreach (var table in new[] { "Posts", "Votes", "Replies" })
            {
                var setval = "SELECT setval(pg_get_serial_sequence('\"" + table + "\"', 'Id'), (SELECT MAX(\"Id\") FROM \"" + table + "\"))";
                await db.Database.ExecuteSqlRawAsync(setval, ct);
            }

            // What autovacuum does soon after a bulk load on a live server; without it the planner guesses.
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        }

        await db.Database.CloseConnectionAsync();
        return new(firstId, (long)size.Users + size.Ideas + size.Votes + size.Replies, clock.Elapsed);
    }

    private static async Task WriteAsync<T>(
        CareDb db, BenchOptions options, string what, long total, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var progress = new Progress(options.Log, options.LiveProgress, what, total);
        await new BulkWriter(db, progress).WriteAsync<T>(columns, rows, ct);
        progress.Finish();
    }

    /// <summary>
    /// Ideas whose denormalized counters disagree with the rows they count: VoteCount against COUNT(votes),
    /// ReplyCount against COUNT(public replies). Zero is the only right answer.
    /// </summary>
    public static async Task<(int Votes, int Replies)> CounterMismatchesAsync(CareDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ideas = db.Posts.AsNoTracking().Where(p => p.Kind == PostKind.Idea);
        var votes = await ideas.CountAsync(p => p.VoteCount != p.Votes.Count(), ct);
        var replies = await ideas.CountAsync(p => p.ReplyCount != p.Replies.Count(r => !r.IsInternalNote), ct);
        return (votes, replies);
    }
}
