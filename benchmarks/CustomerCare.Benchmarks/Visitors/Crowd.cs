using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CustomerCare.Benchmarks.FanOut;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerCare.Benchmarks.Visitors;

/// <summary>
/// The visitors (in <see cref="VisitorClient"/>'s process): each loads the board page over HTTP (one shared pool of
/// connections, as behind a proxy; the page comes decompressed from Brotli) and reads the ids of the cards it shows from
/// their <c>data-post-id</c>, then opens its own HubConnection to /hubs/live over WebSockets and calls JoinBoard and
/// WatchPosts with those ids, as the board's script does. Negotiation is skipped (WebSockets only): it would leave one
/// more idle HTTP connection per visitor on the server for two minutes. Beside them, the bare hub's connections.
/// </summary>
internal sealed partial class Crowd(Uri root, TextWriter log) : IAsyncDisposable
{
    private static readonly TimeSpan PerVisitor = TimeSpan.FromMinutes(2);

    private readonly List<HubConnection> connections = [];
    private readonly HttpClient pages = new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.All,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        BaseAddress = root,
        Timeout = PerVisitor,
    };

    public Receipts Live { get; } = new();

    public Receipts Bare { get; } = new();

    public Receipts Receipts(string group) => group switch
    {
        "live" => Live,
        "bare" => Bare,
        _ => throw new ArgumentException($"No group '{group}'."),
    };

    /// <summary>Answers "visited n fromPage idsPerVisitor seconds": how many read their ids from the page, not the fallback.</summary>
    public async Task<string> VisitAsync(int n, int concurrency, int[] fallback)
    {
        var clock = Stopwatch.StartNew();
        var fromPage = 0;
        long watched = 0;
        await ForEachAsync(n, concurrency, "visitors", async ct =>
        {
            using var response = await pages.GetAsync("", ct);
            response.EnsureSuccessStatusCode();
            var html = await response.Content.ReadAsStringAsync(ct);
            int[] ids = [.. CardId().Matches(html).Select(m => int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture)).Distinct().Take(LiveHub.MaxWatched)];
            if (ids.Length > 0)
            {
                Interlocked.Increment(ref fromPage);
            }
            else
            {
                ids = fallback;
            }

            Interlocked.Add(ref watched, ids.Length);
            var connection = await ConnectAsync(LiveHub.Path, Live, ct);
            await connection.InvokeAsync(nameof(LiveHub.JoinBoard), ct);
            await connection.InvokeAsync(nameof(LiveHub.WatchPosts), ids, ct);
        });
        return string.Create(CultureInfo.InvariantCulture, $"visited {n} {fromPage} {watched / (double)Math.Max(n, 1):F1} {clock.Elapsed.TotalSeconds:F1}");
    }

    public async Task<string> OpenBareAsync(int n, int concurrency)
    {
        var clock = Stopwatch.StartNew();
        await ForEachAsync(n, concurrency, "bare hub", ct => ConnectAsync(BareHub.Path, Bare, ct));
        return string.Create(CultureInfo.InvariantCulture, $"opened {n} {clock.Elapsed.TotalSeconds:F1}");
    }

    public async Task<string> LeaveAsync()
    {
        var clock = Stopwatch.StartNew();
        List<HubConnection> leaving;
        lock (connections)
        {
            leaving = [.. connections];
            connections.Clear();
        }

        await Parallel.ForEachAsync(leaving, new ParallelOptions { MaxDegreeOfParallelism = 64 }, (c, _) => c.DisposeAsync());
        Live.Reset();
        Bare.Reset();
        return string.Create(CultureInfo.InvariantCulture, $"left {leaving.Count} {clock.Elapsed.TotalSeconds:F1}");
    }

    public async ValueTask DisposeAsync()
    {
        await LeaveAsync();
        pages.Dispose();
    }

    private async Task<HubConnection> ConnectAsync(string path, Receipts receipts, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(root, path.TrimStart('/')), HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .Build();

        // The server pings every 15 s; a client process busy with 20,000 connections may read one late, and a visitor
        // that gives up is not what is measured.
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.HandshakeTimeout = TimeSpan.FromMinutes(1);
        var index = receipts.Register();
        connection.On<string, JsonElement>(LiveHub.EventMethod, (type, data) => receipts.Received(index, type, data));
        connection.Closed += _ =>
        {
            receipts.Lost();
            return Task.CompletedTask;
        };
        lock (connections)
        {
            connections.Add(connection);
        }

        await connection.StartAsync(ct);
        return connection;
    }

    /// <summary>n tasks, at most <paramref name="concurrency"/> at once, each within <see cref="PerVisitor"/>; the first failure stops them all.</summary>
    private async Task ForEachAsync(int n, int concurrency, string what, Func<CancellationToken, Task> visit)
    {
        var progress = new Progress(log, live: false, what, n);
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, ct) =>
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(PerVisitor);
            await visit(limit.Token);
            lock (progress)
            {
                progress.Add(1);
            }
        });
        progress.Finish();
    }

    [GeneratedRegex("data-post-id=\"(?<id>\\d+)\"")]
    private static partial Regex CardId();
}

/// <summary>
/// One group's arrivals: after <see cref="Arm"/>, each connection's first VoteCountChanged of that post is stamped with
/// <see cref="Stopwatch.GetTimestamp"/> (CLOCK_MONOTONIC on Linux, the same clock in the server's process).
/// </summary>
internal sealed class Receipts
{
    private long[] stamps = [];
    private int connections;
    private int lost;
    private int postId = -1;
    private int arrived;
    private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Register() => Interlocked.Increment(ref connections) - 1;

    public void Lost() => Interlocked.Increment(ref lost);

    public void Reset()
    {
        Volatile.Write(ref postId, -1);
        Volatile.Write(ref connections, 0);
        Volatile.Write(ref lost, 0);
    }

    public string Arm(int post)
    {
        Volatile.Write(ref postId, -1);
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var n = Volatile.Read(ref connections);
        Volatile.Write(ref stamps, new long[n]);
        Volatile.Write(ref arrived, 0);
        Volatile.Write(ref done, armed);
        if (n == 0)
        {
            armed.TrySetResult();
        }

        Volatile.Write(ref postId, post);
        return "armed";
    }

    public void Received(int index, string type, JsonElement data)
    {
        var now = Stopwatch.GetTimestamp();
        var post = Volatile.Read(ref postId);
        if (post < 0 || type != nameof(VoteCountChanged) || !PostIdIs(data, post))
        {
            return;
        }

        var s = Volatile.Read(ref stamps);
        if (index < s.Length && Interlocked.CompareExchange(ref s[index], now, 0) == 0 && Interlocked.Increment(ref arrived) == s.Length)
        {
            Volatile.Read(ref done).TrySetResult();
        }
    }

    /// <summary>"received arrived expected lost stamp…": the stamps of the connections that got the event in time.</summary>
    public async Task<string> CollectAsync(TimeSpan timeout)
    {
        try
        {
            await Volatile.Read(ref done).Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // Answered with what arrived: the suite names the shortfall.
        }

        Volatile.Write(ref postId, -1);
        var s = Volatile.Read(ref stamps);
        var reply = new StringBuilder(s.Length * 16);
        reply.Append(CultureInfo.InvariantCulture, $"received {s.Count(t => t != 0)} {s.Length} {Volatile.Read(ref lost)}");
        foreach (var stamp in s.Where(t => t != 0))
        {
            reply.Append(' ').Append(stamp.ToString(CultureInfo.InvariantCulture));
        }

        return reply.ToString();
    }

    private static bool PostIdIs(JsonElement data, int post) =>
        data.ValueKind == JsonValueKind.Object
        && (data.TryGetProperty("postId", out var id) || data.TryGetProperty("PostId", out id))
        && id.TryGetInt32(out var value) && value == post;
}
