using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Threading.Channels;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Hosting;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>
/// A Production portal on real Kestrel (WebSockets, as visitors' browsers connect, from 127.0.0.1) whose hub guard reads
/// <see cref="Clock"/>, a clock that moves only when a test moves it: the guard's buckets refill exactly as a test says,
/// never by how fast the machine runs. The rest of the portal keeps the real clock. Its log is kept.
/// </summary>
public sealed class GuardedPortal : ProductionPortal
{
    // Kestrel must be chosen before anything builds the host (a test's first use of Services would make it a TestServer).
    public GuardedPortal() => Root = StartRealServer();

    public ManualTime Clock { get; } = new(DateTime.UtcNow);

    internal RecordingLoggerProvider Logs { get; } = new();

    public Uri Root { get; }

    /// <summary>The guard's log lines: one per closed connection.</summary>
    public IReadOnlyList<string> ClosedLines =>
        [.. Logs.Entries.Where(e => e.Message.StartsWith("Closed a live hub connection", StringComparison.Ordinal)).Select(e => e.Message)];

    public Task<HubConnection> ConnectAsync() => HubClient.ConnectWebSocketAsync(Root, origin: null);

    /// <summary>A public idea, as a customer proposed it.</summary>
    public async Task<int> PublicIdeaAsync(CancellationToken ct)
    {
        var content = new TestContent(this);
        var author = (await content.AddUsersAsync(1, Roles.Customer, ct))[0];
        return await content.AddPostAsync(PostKind.Idea, author, ct);
    }

    /// <summary>A connection that watches <paramref name="postId"/> (as a list does) and records what it hears.</summary>
    public async Task<(HubConnection Hub, Channel<(string Type, JsonElement Data)> Heard)> WatcherAsync(int postId, CancellationToken ct)
    {
        var hub = await ConnectAsync();
        var heard = HubClient.Record(hub);
        await hub.InvokeAsync(nameof(LiveHub.WatchPosts), new[] { postId }, ct);
        return (hub, heard);
    }

    /// <summary>Publishes a new vote count of the post through the portal's bus and waits until <paramref name="heard"/> has it.</summary>
    public async Task AssertPostEventArrivesAsync(Channel<(string Type, JsonElement Data)> heard, int postId, CancellationToken ct)
    {
        var count = Random.Shared.Next(1_000, 1_000_000);
        await Services.GetRequiredService<ILiveBus>().PublishAsync(new VoteCountChanged(postId, count, DateTime.UtcNow), ct);
        while (true)
        {
            var (type, data) = await heard.Reader.ReadAsync(ct).AsTask().WaitAsync(TestTimeouts.Wait, ct);
            if (type == nameof(VoteCountChanged) && data.GetProperty("postId").GetInt32() == postId && data.GetProperty("voteCount").GetInt32() == count)
            {
                return;
            }
        }
    }

    /// <summary>Completes when the server closes the connection (no automatic reconnect in these clients).</summary>
    public static Task<Exception?> ClosedAsync(HubConnection hub)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<LiveHubGuard>();
            services.AddSingleton(sp => new LiveHubGuard(Clock, sp.GetRequiredService<CareMetrics>(), sp.GetRequiredService<ILogger<LiveHubGuard>>()));
        });
    }
}

/// <summary>What <c>customercare.hub.connections_closed</c> of one portal records while it is alive, by reason.</summary>
internal sealed class ClosedConnectionsMetric : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<string> reasons = new();

    public ClosedConnectionsMetric(IMeterFactory portalMeters)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Meters are matched by name across the process; this portal's are those its own factory made.
            if (instrument.Name == "customercare.hub.connections_closed" && ReferenceEquals(instrument.Meter.Scope, portalMeters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason")
                {
                    reasons.Enqueue(tag.Value as string ?? "");
                }
            }
        });
        listener.Start();
    }

    public IReadOnlyList<string> Reasons => [.. reasons];

    public void Dispose() => listener.Dispose();
}
