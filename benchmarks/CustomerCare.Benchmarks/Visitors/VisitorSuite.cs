using System.Globalization;
using System.Text;
using CustomerCare.Benchmarks.Browser;
using CustomerCare.Benchmarks.FanOut;
using CustomerCare.Benchmarks.Seeding;
using CustomerCare.Data;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Benchmarks.Visitors;

/// <summary>
/// Issue 23, item 4: an outage day's crowd on the public board. The full portal (BrowserHost: Program.cs's pipeline on
/// Kestrel 127.0.0.1, Production, a seeded board) runs in this process; the visitors run in a process of their own
/// (<see cref="VisitorClients"/>), so this process's GC heap and working set hold what the server keeps per visitor and
/// nothing of the clients. For each count N: a forced full GC, heap and working set; N visitors, each a page load of / and
/// a hub connection that joins the board and watches the cards' ids (<see cref="Crowd"/>); idle, full GC, again; the
/// difference ÷ N. Then the vote rounds (<see cref="VoteRounds"/>); then all leave and the heap must come back; then N
/// connections to the empty hub, read the same way (the framework's floor). Then the throughput (<see cref="Throughput"/>),
/// and today's figure beside: circuits of a signed-in customer's board in Chromium (<see cref="MemorySuite.MeasurePagesAsync"/>,
/// about:blank's harness subtracted).
/// </summary>
public static class VisitorSuite
{
    public const string MemoryHeader = """
        | Database | who | connected | connect s | ids watched each | GC heap before MiB | after MiB | heap each KiB | working set each KiB | released on leaving | goal (≤ 30 KiB each, heap / working set) |
        |---|---|---:|---:|---:|---:|---:|---:|---:|---|---|
        """;

    public const string DeliveryHeader = """
        | Database | visitors | rounds | receipts | saved → received p50 ms | p95 ms | p99 ms | bare p50 ms | p95 ms | p99 ms | p99 ratio | goal (p99 ratio ≤ 1.2) | ToggleAsync p50 ms |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|
        """;

    private const double KiB = 1024.0;
    private const double MiB = 1024.0 * 1024;
    private const double GoalKiB = 30;

    public static async Task<string> RunAsync(BenchOptions options, DatabaseProvider provider, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = options.Visitors;
        var log = TextWriter.Synchronized(options.Log);
        var data = new BoardData(size.Board, DateTime.UtcNow);
        await using var host = await BrowserHost.StartAsync(options, provider, p => BoardSeeder.SeedAsync(p, data, options, ct), MemorySuite.ChromiumArgs,
            b => SavedClock.Install(b.Services), app => app.MapHub<BareHub>(BareHub.Path));
        var services = host.Portal.Services;

        // What the board's first page shows a visitor: the vote is cast on the first of them that takes votes, and a
        // visitor whose page carries no data-post-id (the portal before issue 23) watches these.
        var shown = (await services.GetRequiredService<BoardService>().ListAsync(new BoardQuery(), Viewer.Anonymous, ct)).Ideas.Select(i => i.Id).ToList();
        var voter = new Viewer(data.UserIds[0], false, false, false);
        var postId = await VoteRounds.VotableAsync(services, shown, voter, ct);
        var fallback = string.Join(',', shown.Take(LiveHub.MaxWatched));
        await using var clients = VisitorClients.Start(host.Root, log);

        log.WriteLine($"== visitors on {provider}: warm-up with {size.WarmUp}");
        await VisitAsync(clients, size, size.WarmUp, fallback, ct);
        await clients.AskAsync($"bare {size.WarmUp} {size.ConnectConcurrency}", Deadline(size.WarmUp), ct);
        await new VoteRounds(services, clients, postId, voter).RunAsync(1, ct);
        await LeaveAsync(clients, services, ct);

        var memory = new List<string>();
        var delivery = new List<string>();
        var perVisitor = double.NaN;
        foreach (var n in size.Visitors)
        {
            CheckOpenFiles(n);
            log.WriteLine($"== visitors on {provider}: {n:N0} visitors, {size.Rounds} vote rounds");
            var (heap, memoryRows, deliveryRow) = await MeasureAsync(clients, services, size, provider, n, fallback, postId, voter, log, ct);
            perVisitor = heap;
            memory.AddRange(memoryRows);
            delivery.Add(deliveryRow);
        }

        var throughput = await Throughput.RunAsync(clients, size, provider, await CheckedCookieAsync(host, ct), log, ct);

        log.WriteLine($"== visitors on {provider}: today's circuits, {size.Circuits} signed-in boards in Chromium");
        var harness = await MemorySuite.MeasurePagesAsync(options, host, provider, "about:blank", null, size.Circuits);
        var board = await MemorySuite.MeasurePagesAsync(options, host, provider, "", PageLoadSuite.BoardInteractiveSelector, size.Circuits);
        var (circuitHeap, circuitWs) = (board.HeapPerPage - harness.HeapPerPage, board.WorkingSetPerPage - harness.WorkingSetPerPage);
        memory.Add(Row(provider, "signed-in customer's board circuit (today), harness subtracted", board.Circuits, "", board.Components + " components",
            board.HeapBefore, board.HeapAfter, circuitHeap, circuitWs, board.Released));
        memory.Add(string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | circuit ÷ visitor (at {size.Visitors[^1]:N0}) | | | | | | {circuitHeap / perVisitor:F1} | | | |"));

        return new StringBuilder()
            .AppendLine($"#### {provider}: server memory per visitor").AppendLine().AppendLine(MemoryHeader).AppendJoin(Environment.NewLine, memory).AppendLine().AppendLine()
            .AppendLine($"#### {provider}: a vote reaching every visitor").AppendLine().AppendLine(DeliveryHeader).AppendJoin(Environment.NewLine, delivery).AppendLine().AppendLine()
            .AppendLine($"#### {provider}: board requests per second").AppendLine().AppendLine(Throughput.TableHeader).AppendLine(throughput)
            .ToString();
    }

    /// <summary>
    /// One count: memory with N visitors idle; the vote rounds; all leave and the heap must come back; then N bare-hub
    /// connections, the framework's own cost of a connection, read the same way.
    /// </summary>
    private static async Task<(double HeapPerVisitor, string[] Memory, string Delivery)> MeasureAsync(
        VisitorClients clients, IServiceProvider services, VisitorSize size, DatabaseProvider provider, int n, string fallback, int postId, Viewer voter,
        TextWriter log, CancellationToken ct)
    {
        var (heapBefore, wsBefore) = MemorySuite.Measure();
        await DumpAsync(provider, n, "before", log);
        var visited = await VisitAsync(clients, size, n, fallback, ct);

        // Idle: the connections' first traffic settles (as MemorySuite lets its circuits settle).
        await Task.Delay(size.Idle, ct);
        var (heapAfter, wsAfter) = MemorySuite.Measure();
        await DumpAsync(provider, n, "after", log);
        var heap = (heapAfter - heapBefore) / KiB / n;
        var ws = (wsAfter - wsBefore) / KiB / n;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider} {n:N0} visitors: {heap:F1} KiB heap, {ws:F1} KiB working set each"));

        var delivery = await DeliveryAsync(services, clients, size, provider, n, postId, voter, log, ct);

        await LeaveAsync(clients, services, ct);
        var released = await ReleasedAsync(heapBefore, heapAfter - heapBefore, n);
        await DumpAsync(provider, n, "left", log);

        // The reference: as many connections to the empty hub, read the same way (after the visitors left: both at once
        // would not fit this machine's open-files limit at 10,000).
        var (heapBase, wsBase) = MemorySuite.Measure();
        var bareSeconds = double.Parse((await clients.AskAsync($"bare {n} {size.ConnectConcurrency}", Deadline(n), ct))[2], CultureInfo.InvariantCulture);
        await Task.Delay(size.Idle, ct);
        var (heapBare, wsBare) = MemorySuite.Measure();
        await LeaveAsync(clients, services, ct);
        var ids = string.Create(CultureInfo.InvariantCulture,
            $"{visited.IdsEach:F0}{(visited.FromPage == n ? "" : $" ({n - visited.FromPage:N0} from the database: no data-post-id on the page)")}");
        string[] memory =
        [
            Row(provider, "visitor: page load + hub", n, visited.Seconds.ToString("F1", CultureInfo.InvariantCulture), ids, heapBefore, heapAfter, heap, ws, released),
            Row(provider, "bare hub connection (reference: no page, no groups)", n, bareSeconds.ToString("F1", CultureInfo.InvariantCulture), "0",
                heapBase, heapBare, (heapBare - heapBase) / KiB / n, (wsBare - wsBase) / KiB / n, ""),
        ];
        return (heap, memory, delivery);
    }

    /// <summary>The vote rounds at N; only the row leaves this method, so the million samples at 10,000 are garbage before the heap is read again.</summary>
    private static async Task<string> DeliveryAsync(
        IServiceProvider services, VisitorClients clients, VisitorSize size, DatabaseProvider provider, int n, int postId, Viewer voter, TextWriter log, CancellationToken ct)
    {
        var rounds = new VoteRounds(services, clients, postId, voter);
        await rounds.RunAsync(size.Rounds, ct);
        var (live, bare) = (rounds.Live, rounds.Bare);
        var ratio = live.P99 / bare.P99;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider} vote to {n:N0}: p50 {live.P50:F1} p99 {live.P99:F1} ms | bare p50 {bare.P50:F1} p99 {bare.P99:F1} ms"));
        // A round's receipts move together: at 1,000 visitors the p99 is about one round, so say how the slowest rounds went.
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider} vote to {n:N0}, each round's last arrival: p50 {rounds.LiveLast.P50:F1}, slowest {Slowest(rounds.LiveLast)} ms | bare p50 {rounds.BareLast.P50:F1}, slowest {Slowest(rounds.BareLast)} ms"));
        return string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {n:N0} | {size.Rounds} | {live.Count:N0} | {live.P50:F1} | {live.P95:F1} | {live.P99:F1} | {bare.P50:F1} | {bare.P95:F1} | {bare.P99:F1} | {ratio:F2} | {(ratio <= 1.2 ? "met" : "missed")} | {rounds.Toggle.P50:F1} |");
    }

    private static string Slowest(Latency rounds) =>
        string.Join(", ", rounds.Samples.Select(t => t.TotalMilliseconds).OrderDescending().Take(3).Select(ms => ms.ToString("F1", CultureInfo.InvariantCulture)));

    /// <summary>
    /// Whether the heap comes back once every connection left: what stays must fall under a tenth of what they held, or
    /// under 4 MiB in all (the GC's noise, which at 20 visitors is larger than the visitors), within a minute (pools that
    /// the connections grew give their blocks back over time).
    /// </summary>
    private static async Task<string> ReleasedAsync(long heapBefore, long held, int visitors)
    {
        var limit = Math.Max(4 * MiB, held / 10.0);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long stays;
        while ((stays = MemorySuite.Measure().Heap - heapBefore) > limit && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{(stays <= limit ? "yes" : "no")} ({stays / KiB / visitors:+0.0;-0.0} KiB each stays, after {clock.Elapsed.TotalSeconds:F0} s)");
    }

    private static string Row(
        DatabaseProvider provider, string who, int n, string seconds, string ids, long heapBefore, long heapAfter, double heap, double ws, string released)
    {
        var goal = $"{(heap <= GoalKiB ? "met" : "missed")} / {(ws <= GoalKiB ? "met" : "missed")}";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {who} | {n:N0} | {seconds} | {ids} | {heapBefore / MiB:F1} | {heapAfter / MiB:F1} | {heap:F1} | {ws:F1} | {released} | {goal} |");
    }

    private sealed record Visited(int FromPage, double IdsEach, double Seconds);

    private static async Task<Visited> VisitAsync(VisitorClients clients, VisitorSize size, int n, string fallback, CancellationToken ct)
    {
        var reply = await clients.AskAsync($"visit {n} {size.ConnectConcurrency} {fallback}", Deadline(n), ct);
        return new(int.Parse(reply[2], CultureInfo.InvariantCulture), double.Parse(reply[3], CultureInfo.InvariantCulture), double.Parse(reply[4], CultureInfo.InvariantCulture));
    }

    /// <summary>Every connection closes; the hub's relays must all be gone (the last connection of a topic releases it).</summary>
    private static async Task LeaveAsync(VisitorClients clients, IServiceProvider services, CancellationToken ct)
    {
        await clients.AskAsync("leave", TimeSpan.FromMinutes(10), ct);
        var topics = services.GetRequiredService<HubTopics>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (topics.RelayCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        if (topics.RelayCount > 0)
        {
            throw new BenchmarkCheckException($"Every visitor left, but the hub still relays {topics.RelayCount} topics after 60 s.");
        }
    }

    /// <summary>
    /// With CUSTOMERCARE_BENCH_DUMP set, a heap dump before and after the visitors connect; `heapstat
    /// Sqlite-visitors-1000-after.dmp Sqlite-visitors-1000-before.dmp 1000` lists what one visitor holds, by type.
    /// </summary>
    private static async Task DumpAsync(DatabaseProvider provider, int n, string when, TextWriter log)
    {
        if (HeapStat.DumpFolder is { } folder)
        {
            await HeapStat.WriteDumpAsync(folder, $"{provider}-visitors-{n}-{when}", log);
        }
    }

    /// <summary>
    /// Each visitor is a socket in this process and in the visitors' (which inherits the limit): a count the limit cannot
    /// hold fails before it starts, not as an "Out of memory." at 99 %. benchmarks/run raises the limit where it may.
    /// </summary>
    private static void CheckOpenFiles(int n)
    {
        const int Margin = 1_000;
        var line = File.Exists("/proc/self/limits") ? File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal)) : null;
        if (line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3] is { } soft && long.TryParse(soft, out var limit) && limit < n + Margin)
        {
            throw new BenchmarkCheckException($"{n:N0} visitors need {n + Margin:N0} open files per process; the limit is {limit:N0} (ulimit -n).");
        }
    }

    /// <summary>Generous, but bounded: a page load and a connection at a time take milliseconds; two cores are shared.</summary>
    private static TimeSpan Deadline(int n) => TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(100.0 * n);

    /// <summary>The cookie must make the board a signed-in customer's (their name in the menu), or the "today" row measures the visitor's page.</summary>
    private static async Task<string> CheckedCookieAsync(BrowserHost host, CancellationToken ct)
    {
        var cookie = CustomerSignIn.Header(host.Customer);
        using var http = new HttpClient { BaseAddress = host.Root };
        using var request = new HttpRequestMessage(HttpMethod.Get, "");
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        using var response = await http.SendAsync(request, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        return html.Contains("data-testid=\"user-name\"", StringComparison.Ordinal)
            ? cookie
            : throw new BenchmarkCheckException("The signed-in customer's board does not show their name: the cookie did not sign them in.");
    }
}
