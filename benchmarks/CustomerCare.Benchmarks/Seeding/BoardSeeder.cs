using System.Diagnostics;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Benchmarks.Seeding;

public sealed record SeedResult(int FirstIdeaId, long Rows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
}

/// <summary>
/// Writes a <see cref="BoardData"/> (and, for the insights, a <see cref="ComplaintData"/>) into the portal's database in
/// bulk and checks its counters afterwards. Every column the portal keeps in step is written right, so the start-up's
/// recounts (VoteBands, ComplaintWaits) have nothing to do; they ran before, on the empty database, anyway.
/// </summary>
public static class BoardSeeder
{
    public static Task<SeedResult> SeedAsync(PortalHost host, BoardData data, BenchOptions options, CancellationToken ct = default) =>
        SeedAsync(host, data, null, options, ct);

    public static async Task<SeedResult> SeedAsync(PortalHost host, BoardData data, ComplaintData? complaints, BenchOptions options, CancellationToken ct = default)
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
        var rows = (long)size.Users + BoardData.StaffCount + size.Ideas + size.Votes + size.Replies;
        await WriteAsync<CareUser>(db, options, "users", size.Users + BoardData.StaffCount, BoardData.UserColumns, data.Users(), ct);
        await WriteAsync<IdentityUserRole<string>>(db, options, "staff roles", BoardData.StaffCount, BoardData.UserRoleColumns, data.StaffRoles(), ct);
        await WriteAsync<Post>(db, options, "ideas", size.Ideas, BoardData.PostColumns, data.Ideas(firstId, categories), ct);
        await WriteAsync<Vote>(db, options, "votes", size.Votes, BoardData.VoteColumns, data.Votes(firstId), ct);
        await WriteAsync<Reply>(db, options, "replies", size.Replies, BoardData.ReplyColumns, data.Replies(firstId), ct);
        var shipped = data.ShippedChanges(firstId, 1).Count();
        await WriteAsync<StatusChange>(db, options, "shipped", shipped, BoardData.StatusChangeColumns, data.ShippedChanges(firstId, 1), ct);
        var answers = data.SolvesItAnswers(firstId).Count();
        await WriteAsync<SolvesItAnswer>(db, options, "solves it", answers, BoardData.SolvesItColumns, data.SolvesItAnswers(firstId), ct);
        rows += BoardData.StaffCount + shipped + answers;
        if (complaints is not null)
        {
            var firstComplaint = firstId + size.Ideas;
            var (replies, waits, solved) = complaints.Totals();
            await WriteAsync<Post>(db, options, "complaints", complaints.Count, ComplaintData.PostColumns, complaints.Posts(firstComplaint, categories), ct);
            await WriteAsync<Reply>(db, options, "complaint replies", replies, BoardData.ReplyColumns, complaints.Replies(firstComplaint, size.Replies + 1), ct);
            await WriteAsync<ComplaintWait>(db, options, "waits", waits, ComplaintData.WaitColumns, complaints.WaitRows(firstComplaint), ct);
            await WriteAsync<StatusChange>(db, options, "solved", solved, BoardData.StatusChangeColumns, complaints.SolvedChanges(firstComplaint, shipped + 1), ct);
            rows += complaints.Count + replies + waits + solved;
        }

        if (db.Database.IsNpgsql())
        {
            // COPY wrote explicit ids past the identity sequences; the portal's next insert must not collide.
            foreach (var table in new[] { "Posts", "Votes", "Replies", "StatusChanges", "SolvesItAnswers", "ComplaintWaits" })
            {
                var setval = "SELECT setval(pg_get_serial_sequence('\"" + table + "\"', 'Id'), (SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"" + table + "\"), false)";
                await db.Database.ExecuteSqlRawAsync(setval, ct);
            }

            // What autovacuum does soon after a bulk load on a live server: statistics (without them the planner guesses)
            // and the visibility map (without it an index-only scan reads every row's page too). Left to autovacuum, both
            // arrived in the middle of the timed calls, at a moment that differed from run to run.
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)", ct);
        }

        await db.Database.CloseConnectionAsync();
        return new(firstId, rows, clock.Elapsed);
    }

    private static async Task WriteAsync<T>(
        CareDb db, BenchOptions options, string what, long total, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var progress = new Progress(options.Log, options.LiveProgress, what, total);
        await new BulkWriter(db, progress).WriteAsync<T>(columns, rows, ct);
        progress.Finish();
    }

    /// <summary>
    /// Posts whose denormalized counters disagree with the rows they count: an idea's VoteCount against COUNT(votes), its
    /// LoyalVoteCount and NewcomerVoteCount against its votes banded by <see cref="Post.VoterBand"/> from the voters'
    /// CustomerSince (what the start-up's recount computes), and every post's ReplyCount against COUNT(public replies).
    /// Zero is the only right answer.
    /// </summary>
    public static async Task<CounterMismatches> CounterMismatchesAsync(CareDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var posts = db.Posts.AsNoTracking();
        var ideas = posts.Where(p => p.Kind == PostKind.Idea);
        var votes = await ideas.CountAsync(p => p.VoteCount != p.Votes.Count(), ct);
        var replies = await ideas.CountAsync(p => p.ReplyCount != p.Replies.Count(r => !r.IsInternalNote), ct);
        var complaintReplies = await posts.CountAsync(p => p.Kind == PostKind.Complaint && p.ReplyCount != p.Replies.Count(r => !r.IsInternalNote), ct);

        // Banded here, in .NET, by the portal's own rule: the databases' date arithmetic differs on 29 February.
        var bands = new Dictionary<int, (int Loyal, int Newcomer)>();
        var cast = db.Votes.AsNoTracking().Select(v => new { v.PostId, v.CreatedAt, v.User!.CustomerSince }).AsAsyncEnumerable();
        await foreach (var vote in cast.WithCancellation(ct))
        {
            var (loyal, newcomer) = Post.VoterBand(vote.CustomerSince, vote.CreatedAt);
            var sum = bands.GetValueOrDefault(vote.PostId);
            bands[vote.PostId] = (sum.Loyal + loyal, sum.Newcomer + newcomer);
        }

        var stored = await ideas.Select(p => new { p.Id, p.LoyalVoteCount, p.NewcomerVoteCount }).ToListAsync(ct);
        var banded = stored.Count(p => (p.LoyalVoteCount, p.NewcomerVoteCount) != bands.GetValueOrDefault(p.Id));
        return new(votes, replies, banded, complaintReplies);
    }
}

public sealed record CounterMismatches(int Votes, int Replies, int VoteBands, int ComplaintReplies)
{
    public int Total => Votes + Replies + VoteBands + ComplaintReplies;

    public override string ToString() =>
        $"{Votes} ideas' VoteCount, {Replies} ideas' ReplyCount, {VoteBands} ideas' LoyalVoteCount or NewcomerVoteCount and {ComplaintReplies} complaints' ReplyCount";
}
