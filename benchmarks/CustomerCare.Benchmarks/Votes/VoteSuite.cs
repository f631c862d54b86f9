using System.Diagnostics;
using System.Globalization;
using CustomerCare.Benchmarks.Seeding;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Benchmarks.Votes;

/// <summary>
/// Issue 7, item 5: sustained votes per second. Every user runs at once and toggles votes on ideas picked at
/// random from a shared set, through the real VoteService (transaction, counter, trend weight, follow, live
/// event). Each user knows what its own votes must be, so every outcome is checked as it comes back, and at
/// the end every idea's VoteCount must equal COUNT(votes) and what the users expect.
/// </summary>
public static class VoteSuite
{
    /// <summary>
    /// The portal as shipped: on SQLite its writers queue at the SqliteWriteGate, and every connection runs in WAL
    /// mode with synchronous=NORMAL (SqliteConnectionSetup). One table row.
    /// </summary>
    public static async Task<string> RunAsync(BenchOptions options, DatabaseProvider provider, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = options.Votes;
        options.Log.WriteLine($"== votes on {provider}: {size.Users} users, at most {size.TogglesPerUser} toggles each or {size.Duration.TotalSeconds:F0} s, over {size.Ideas} ideas");
        var counter = new StatementCounter();
        await using var host = await PortalHost.CreateAsync(provider, options.PostgresServer,
            b => b.Services.ConfigureDbContext<CareDb>(o => o.AddInterceptors(counter)));
        var data = new BoardData(new BoardSize(size.Users, size.Ideas, 0, 0, 0, 0, 0), DateTime.UtcNow);
        await BoardSeeder.SeedAsync(host, data, options, ct);
        List<int> ideas;
        await using (var db = await host.Dbs.CreateDbContextAsync(ct))
        {
            ideas = await db.Posts.Where(p => p.Kind == PostKind.Idea && p.Status != PostStatus.Shipped && p.Status != PostStatus.Declined)
                .Select(p => p.Id).ToListAsync(ct);
        }

        var votes = host.Services.GetRequiredService<VoteService>();
        var latency = new Latency[size.Users];
        var expected = new int[size.Users][];
        var toggled = new int[size.Users];
        counter.Reset();
        await using var pool = new ThreadPoolWatch();
        // CPU time of the whole process per toggle: on a shared, loaded machine it moves far less than votes/s.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, size.Users).Select(u => Task.Run(async () =>
        {
            var viewer = new Viewer(data.UserIds[u], false, false, false);
            var rng = new Random(u);
            var mine = new int[ideas.Count];
            var times = latency[u] = new Latency();
            // Bounded in count and time: a slow database ends the run early, and votes/s counts what was done.
            for (var k = 0; k < size.TogglesPerUser && clock.Elapsed < size.Duration; k++)
            {
                var pick = rng.Next(ideas.Count);
                var result = await times.TimeAsync(() => votes.ToggleAsync(ideas[pick], viewer, ct));
                var want = mine[pick] == 0 ? VoteOutcome.Voted : VoteOutcome.Withdrawn;
                if (result.Outcome != want)
                {
                    throw new BenchmarkCheckException($"{provider}: user {u} expected {want} on idea {ideas[pick]} and got {result.Outcome}.");
                }

                mine[pick] ^= 1;
                toggled[u]++;
            }

            expected[u] = mine;
        }, ct)));
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var statements = counter.Statements;
        var commits = counter.Commits;

        await CheckCountsAsync(host, provider, ideas, expected, ct);
        var toggles = toggled.Sum();
        var all = new Latency();
        foreach (var time in latency.SelectMany(l => l.Samples))
        {
            all.Add(time);
        }

        var perSecond = toggles / elapsed.TotalSeconds;
        var goal = provider == DatabaseProvider.Sqlite ? (perSecond >= 2_000 ? "met" : "missed") : "(goal is for SQLite)";
        options.Log.WriteLine($"{provider} votes: {perSecond:N0}/s, p50 {all.P50:F1} ms p95 {all.P95:F1} ms p99 {all.P99:F1} ms; {(double)statements / toggles:F2} statements and {(double)toggles / Math.Max(commits, 1):F1} toggles per commit; {cpu.TotalMilliseconds / toggles:F3} ms CPU per toggle; {pool}");
        return string.Create(CultureInfo.InvariantCulture, $"| {provider} | {size.Users} | {size.Ideas} | {toggles:N0} | {elapsed.TotalSeconds:F2} | {perSecond:N0} | {all.P50:F1} | {all.P95:F1} | {all.P99:F1} | 0 | {goal} |");
    }

    public const string TableHeader = """
        | Database | users | ideas | toggles | seconds | votes/s | p50 ms | p95 ms | p99 ms | count mismatches | goal (≥ 2,000 votes/s on SQLite) |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
        """;

    private static async Task CheckCountsAsync(PortalHost host, DatabaseProvider provider, List<int> ideas, int[][] expected, CancellationToken ct)
    {
        await using var db = await host.Dbs.CreateDbContextAsync(ct);
        var rows = await db.Posts.AsNoTracking().Where(p => ideas.Contains(p.Id))
            .Select(p => new { p.Id, p.VoteCount, Counted = p.Votes.Count(), p.TrendWeight }).ToListAsync(ct);
        var weights = (await db.Votes.AsNoTracking().Where(v => ideas.Contains(v.PostId)).Select(v => new { v.PostId, v.CreatedAt }).ToListAsync(ct))
            .GroupBy(v => v.PostId).ToDictionary(g => g.Key, g => g.Sum(v => Post.TrendWeightAt(v.CreatedAt)));
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            var index = ideas.IndexOf(row.Id);
            var want = expected.Sum(mine => mine[index]);
            var weight = weights.GetValueOrDefault(row.Id);
            // Adding and taking back e^x in floating point leaves rounding dust, nothing more.
            var tolerance = 1e-6 * (1 + Post.TrendWeightAt(DateTime.UtcNow) * expected.Length);
            if (row.VoteCount != row.Counted || row.Counted != want || Math.Abs(row.TrendWeight - weight) > tolerance)
            {
                wrong.Add($"idea {row.Id}: VoteCount {row.VoteCount}, COUNT(votes) {row.Counted}, expected {want}, TrendWeight {row.TrendWeight} vs {weight}");
            }
        }

        if (wrong.Count > 0 || rows.Count != ideas.Count)
        {
            throw new BenchmarkCheckException($"{provider}: {wrong.Count} ideas' counts are wrong after the vote run: {string.Join("; ", wrong.Take(5))}");
        }
    }
}
