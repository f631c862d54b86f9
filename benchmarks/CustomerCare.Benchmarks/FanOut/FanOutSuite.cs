using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CustomerCare.Benchmarks.Seeding;
using CustomerCare.Data;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Benchmarks.FanOut;

/// <summary>
/// Issue 7, item 1: a reply saved through ThreadService → received by N SignalR .NET clients of /hubs/live
/// (the portal on Kestrel, 127.0.0.1), beside a bare broadcast of the same payload to N clients of an empty
/// hub in the same host. The portal's figure runs from the moment the reply is saved (<see cref="SavedClock"/>);
/// the time from the call, which includes the database write, is reported beside it. Rounds alternate between
/// the two, so both see the same load. Every client must receive every message of every round; a missing one
/// fails the run.
/// </summary>
public static class FanOutSuite
{
    public const string TableHeader = """
        | Database | subscribers | rounds | saved → received p50 ms | p95 ms | p99 ms | bare p50 ms | p95 ms | p99 ms | p99 ratio | goal (p99 ratio ≤ 1.2) | call → received p99 ms | ReplyAsync p50 ms |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|
        """;

    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(30);

    public static async Task<string> RunAsync(BenchOptions options, DatabaseProvider provider, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = options.FanOut;
        await using var host = await PortalHost.CreateAsync(provider, options.PostgresServer, b =>
        {
            b.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            b.Services.AddSignalR();
            SavedClock.Install(b.Services);
        });
        var data = new BoardData(new BoardSize(2, 1, 0, 0, 0, 0, 0), DateTime.UtcNow);
        var seeded = await BoardSeeder.SeedAsync(host, data, options, ct);
        var app = host.App;
        app.UseApplicationPipeline();
        app.MapApplicationEndpoints();
        app.MapHub<BareHub>(BareHub.Path);
        await app.StartAsync(ct);
        var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var rows = new List<string>();
        foreach (var n in size.Subscribers)
        {
            options.Log.WriteLine($"== fan-out on {provider}: {n} subscribers, {size.Rounds} rounds");
            rows.Add(await MeasureAsync(host, provider, root, seeded.FirstIdeaId, data.UserIds[0], n, size.Rounds, options.Log, ct));
        }

        await app.StopAsync(ct);
        return string.Join(Environment.NewLine, rows);
    }

    private static async Task<string> MeasureAsync(
        PortalHost host, DatabaseProvider provider, string root, int ideaId, string authorId, int n, int rounds, TextWriter log, CancellationToken ct)
    {
        var portal = new Receivers(n);
        var bare = new Receivers(n);
        var connections = new List<HubConnection>();
        try
        {
            for (var i = 0; i < n; i++)
            {
                var live = new HubConnectionBuilder().WithUrl($"{root}{LiveHub.Path}").Build();
                live.On<string, JsonElement>(LiveHub.EventMethod, (type, _) => portal.Received(type == nameof(ReplyAdded)));
                connections.Add(live);
                await live.StartAsync(ct);
                await live.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, ct);

                var reference = new HubConnectionBuilder().WithUrl($"{root}{BareHub.Path}").Build();
                reference.On<string, JsonElement>(LiveHub.EventMethod, (type, _) => bare.Received(type == nameof(ReplyAdded)));
                connections.Add(reference);
                await reference.StartAsync(ct);
            }

            var threads = host.Services.GetRequiredService<ThreadService>();
            var bus = host.Services.GetRequiredService<ILiveBus>();
            var hub = host.Services.GetRequiredService<IHubContext<BareHub>>();
            ReplyAdded? payload = null;
            using var capture = bus.Subscribe(LiveTopics.Post(ideaId), e =>
            {
                payload = e as ReplyAdded ?? payload;
                return Task.CompletedTask;
            });
            var author = new Viewer(authorId, false, false, false);
            var saves = new Latency();
            var clock = host.Services.GetRequiredService<SavedClock>();
            clock.ReplySaved = portal.MarkSaved;
            for (var round = -1; round < rounds; round++)
            {
                // Round -1 warms both paths up and is not counted.
                await portal.RoundAsync(round >= 0, async () =>
                {
                    var start = Stopwatch.GetTimestamp();
                    var saved = await threads.ReplyAsync(ideaId, null, $"Reply {round} to the fan-out benchmark", false, author, ct);
                    saves.Add(Stopwatch.GetElapsedTime(start));
                    if (saved.Outcome != ThreadOutcome.Posted)
                    {
                        throw new BenchmarkCheckException($"{provider}: the reply was not saved ({saved.Outcome}).");
                    }
                });
                await bare.RoundAsync(round >= 0, () =>
                    hub.Clients.All.SendAsync(LiveHub.EventMethod, nameof(ReplyAdded), payload, ct));
            }

            clock.ReplySaved = null;
            var ratio = portal.Latency.P99 / bare.Latency.P99;
            log.WriteLine($"{provider} fan-out to {n}: portal p50 {portal.Latency.P50:F1} p99 {portal.Latency.P99:F1} ms | bare p50 {bare.Latency.P50:F1} p99 {bare.Latency.P99:F1} ms");
            return string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {n:N0} | {rounds} | {portal.Latency.P50:F1} | {portal.Latency.P95:F1} | {portal.Latency.P99:F1} | {bare.Latency.P50:F1} | {bare.Latency.P95:F1} | {bare.Latency.P99:F1} | {ratio:F2} | {(ratio <= 1.2 ? "met" : "missed")} | {portal.FromCall.P99:F1} | {saves.P50:F1} |");
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Counts one round's arrivals at N clients and records each arrival's delay since the message was saved
    /// (<see cref="MarkSaved"/>; the round's start when nothing marks it) and since the round began.
    /// </summary>
    private sealed class Receivers(int n)
    {
        private readonly Lock gate = new();
        private long started;
        private long saved;
        private int arrived;
        private bool counting;
        private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Latency Latency { get; } = new();

        public Latency FromCall { get; } = new();

        public void MarkSaved() => Volatile.Write(ref saved, Stopwatch.GetTimestamp());

        public void Received(bool isReply)
        {
            if (!isReply)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            var sinceCall = Stopwatch.GetElapsedTime(Volatile.Read(ref started), now);
            var sinceSaved = Stopwatch.GetElapsedTime(Volatile.Read(ref saved), now);
            lock (gate)
            {
                if (counting)
                {
                    Latency.Add(sinceSaved);
                    FromCall.Add(sinceCall);
                }

                if (++arrived == n)
                {
                    done.TrySetResult();
                }
            }
        }

        public async Task RoundAsync(bool count, Func<Task> send)
        {
            lock (gate)
            {
                arrived = 0;
                counting = count;
                done = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            var start = Stopwatch.GetTimestamp();
            Volatile.Write(ref saved, start);
            Volatile.Write(ref started, start);
            await send();
            Task finished;
            lock (gate)
            {
                finished = done.Task;
            }

            try
            {
                await finished.WaitAsync(RoundTimeout);
            }
            catch (TimeoutException)
            {
                throw new BenchmarkCheckException($"Only {arrived} of {n} subscribers received the message within {RoundTimeout.TotalSeconds:F0} s.");
            }
        }
    }
}
