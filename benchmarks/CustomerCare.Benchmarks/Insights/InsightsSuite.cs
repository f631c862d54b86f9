using System.Globalization;
using System.Text;
using CustomerCare.Benchmarks.Seeding;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Customers;
using CustomerCare.Web.Features.Insights;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Benchmarks.Insights;

/// <summary>
/// Issue 21, item 4: at 50,000 complaints and 100,000 ideas the insights page answers p95 ≤ 300 ms and a customer's story
/// or profile p95 ≤ 50 ms. Seeds the board suite's board plus <see cref="ComplaintData"/>, checks every counter and a sample
/// of waits, then times what the pages call once per view: <see cref="InsightsService.ReportAsync"/> per period, without
/// and with a filter, and <see cref="CustomerStoryService.StoryAsync"/> and <c>ProfileAsync</c> for the heaviest and a
/// typical customer. Calls of each group are interleaved, so load from other processes falls on all alike. A figure that
/// disagrees with a direct count fails the run; a missed goal is reported, not thrown.
/// </summary>
public static class InsightsSuite
{
    public const double ReportGoalMs = 300;
    public const double ProfileGoalMs = 50;

    public const string TableHeader = """
        | Database | Call | p50 ms | p95 ms | p99 ms | goal (p95) | |
        |---|---|---:|---:|---:|---:|---|
        """;

    public static async Task<string> RunAsync(BenchOptions options, DatabaseProvider provider, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (size, insights) = (options.Board, options.Insights);
        options.Log.WriteLine($"== insights on {provider}: {size.Ideas:N0} ideas, {size.Votes:N0} votes, {insights.Complaints:N0} complaints, {size.Users:N0} users");
        await using var host = await PortalHost.CreateAsync(provider, options.PostgresServer);
        var data = new BoardData(size, DateTime.UtcNow);
        var complaints = new ComplaintData(data, insights.Complaints);
        var seeded = await BoardSeeder.SeedAsync(host, data, complaints, options, ct);
        options.Log.WriteLine($"seeded {seeded.Rows:N0} rows in {seeded.Elapsed.TotalSeconds:F1} s ({seeded.RowsPerSecond:N0} rows/s)");

        int categoryId;
        string category;
        await using (var db = await host.Dbs.CreateDbContextAsync(ct))
        {
            var mismatches = await BoardSeeder.CounterMismatchesAsync(db, ct);
            var (sampled, waits) = await WaitCheck.SampleAsync(db, insights.WaitSample, ct);
            if (mismatches.Total != 0 || waits != 0)
            {
                throw new BenchmarkCheckException($"{provider}: {mismatches} disagree with their rows, and {waits} of {sampled} complaints' waits with ComplaintWaits.Walk, after seeding.");
            }

            var first = await db.Categories.OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Slug }).FirstAsync(ct);
            (categoryId, category) = (first.Id, first.Slug);
        }

        var service = host.Services.GetRequiredService<InsightsService>();
        var staff = new Viewer(data.StaffIds[1], IsStaff: true, false, false);
        var reports = new List<(string Name, Func<Task<int>> Call)>();
        foreach (var period in Enum.GetValues<InsightsPeriod>())
        {
            foreach (var query in new[] { new InsightsQuery(period), new InsightsQuery(period, categoryId, 10) })
            {
                var report = await service.ReportAsync(query, staff, ct)
                    ?? throw new BenchmarkCheckException($"{provider}: no insights for a member of staff.");
                await InsightsCheck.ReportAsync(host, report, provider, ct);
                var name = $"Report, {Period(period)}{(query.CategoryId is null ? "" : $", ideas of category \"{category}\" + customers of 10 years")}";
                reports.Add((name, async () => (await service.ReportAsync(query, staff, ct))!.Mood.Count));
            }
        }

        var people = await ProfileCallsAsync(host, data, staff, provider, ct);
        var rows = new StringBuilder();
        rows.AppendLine(await MeasureAsync(provider, reports, insights.ReportIterations, insights.WarmUp, ReportGoalMs, options.Log));
        rows.Append(await MeasureAsync(provider, people, insights.ProfileIterations, insights.WarmUp, ProfileGoalMs, options.Log));
        return $"""
            Insights on {provider}: {size.Ideas:N0} ideas, {size.Votes:N0} votes, {size.Replies:N0} replies on ideas, {insights.Complaints:N0} complaints
            ({seeded.Rows:N0} rows in all, with the complaints' replies, waits and status changes), {size.Users:N0} customers and {BoardData.StaffCount} staff;
            seeded in {seeded.Elapsed.TotalSeconds:F1} s; counters (votes, loyal and newcomer votes, replies) checked against their rows and
            complaints' waits against a rebuild by ComplaintWaits.Walk: 0 mismatches. Each report's figures checked against direct counts.
            Reports: {insights.ReportIterations} timed calls of each after {insights.WarmUp} warm-up calls, the six interleaved; stories and
            profiles: {insights.ProfileIterations} timed calls of each, interleaved. One call is what one view of the page loads.

            {TableHeader}
            {rows.ToString().TrimEnd()}

            """;
    }

    // The heaviest customers (most posts; most votes) and a typical one, each as staff read the story and anyone the profile.
    private static async Task<List<(string Name, Func<Task<int>> Call)>> ProfileCallsAsync(
        PortalHost host, BoardData data, Viewer staff, DatabaseProvider provider, CancellationToken ct)
    {
        await using var db = await host.Dbs.CreateDbContextAsync(ct);
        var mostPosts = await db.Posts.GroupBy(p => p.AuthorId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync(ct);
        var mostVotes = await db.Votes.GroupBy(v => v.UserId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync(ct);
        var typical = data.UserIds[data.UserIds.Count / 2];
        var story = host.Services.GetRequiredService<CustomerStoryService>();
        var calls = new List<(string Name, Func<Task<int>> Call)>();
        foreach (var (who, id) in new[] { ("most posts", mostPosts), ("most votes", mostVotes), ("typical", typical) })
        {
            var (ideas, complaints, votes) = (
                await db.Posts.CountAsync(p => p.AuthorId == id && p.Kind == PostKind.Idea, ct),
                await db.Posts.CountAsync(p => p.AuthorId == id && p.Kind == PostKind.Complaint, ct),
                await db.Votes.CountAsync(v => v.UserId == id, ct));
            var first = await story.StoryAsync(id, staff, ct);
            if (first is null || first.IdeaCount != ideas || first.ComplaintCount != complaints || first.VoteCount != votes)
            {
                throw new BenchmarkCheckException(
                    $"{provider}: the story of {id} counts {first?.IdeaCount} ideas, {first?.ComplaintCount} complaints, {first?.VoteCount} votes; the tables {ideas}, {complaints}, {votes}.");
            }

            var profile = await story.ProfileAsync(id, ct);
            if (profile is null || profile.IdeaCount != ideas)
            {
                throw new BenchmarkCheckException($"{provider}: the profile of {id} lists {profile?.IdeaCount} ideas; {ideas} are public and listed.");
            }

            var label = $"{who}: {ideas} ideas, {complaints} complaints, {votes} votes";
            calls.Add(($"Story (staff), {label}", async () => (await story.StoryAsync(id, staff, ct))!.ComplaintCount));
            if (who != "most votes")
            {
                calls.Add(($"Profile, {label}", async () => (await story.ProfileAsync(id, ct))!.IdeaCount));
            }
        }

        return calls;
    }

    private static async Task<string> MeasureAsync(
        DatabaseProvider provider, List<(string Name, Func<Task<int>> Call)> calls, int iterations, int warmUp, double goal, TextWriter log)
    {
        for (var i = 0; i < warmUp; i++)
        {
            foreach (var (_, call) in calls)
            {
                await call();
            }
        }

        var latencies = calls.Select(_ => new Latency()).ToList();
        for (var i = 0; i < iterations; i++)
        {
            for (var c = 0; c < calls.Count; c++)
            {
                await latencies[c].TimeAsync(calls[c].Call);
            }
        }

        var rows = new StringBuilder();
        foreach (var ((name, _), latency) in calls.Zip(latencies))
        {
            log.WriteLine($"{provider} {name,-70} p50 {latency.P50,8:F2} p95 {latency.P95,8:F2} ms");
            rows.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {name} | {latency.P50:F2} | {latency.P95:F2} | {latency.P99:F2} | ≤ {goal:F0} ms | {(latency.P95 <= goal ? "met" : "missed")} |"));
        }

        return rows.ToString().TrimEnd();
    }

    private static string Period(InsightsPeriod period) => period switch
    {
        InsightsPeriod.Quarter => "quarter (13 weeks)",
        InsightsPeriod.Year => "year (52 weeks)",
        _ => "4 weeks",
    };
}
