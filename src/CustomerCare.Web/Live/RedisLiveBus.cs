using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CustomerCare.Web.Live;

/// <summary>
/// The bus for several servers: an event is delivered to this server's subscribers at once and sent over one
/// Redis pub/sub channel, from which every other server delivers it to its own subscribers. Each server holds
/// exactly one Redis subscription whatever the number of open pages; pages subscribe to the local bus inside.
/// While Redis is unreachable the portal goes on with local delivery only and reconnects by itself.
/// </summary>
public sealed class RedisLiveBus : ILiveBus, IHostedService, IAsyncDisposable
{
    private readonly InMemoryLiveBus local;
    private readonly ILogger<RedisLiveBus> logger;
    private readonly ConfigurationOptions configuration;
    private readonly RedisChannel channel;
    private readonly string address;
    private readonly Lock stateLock = new();
    private readonly CancellationTokenSource stopping = new();
    private ConnectionMultiplexer? redis;
    private int brokenConnections; // one bit per ConnectionType that is down; 0 = everything up
    private int disposed;

    public RedisLiveBus(IOptions<LiveOptions> options, InMemoryLiveBus local, ILogger<RedisLiveBus> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.local = local;
        this.logger = logger;
        var settings = options.Value;
        configuration = ConfigurationOptions.Parse(settings.Redis);
        // Start even while Redis is down, and reconnect by itself when it returns. The default backlog stays:
        // it lets SUBSCRIBE wait for a connection still shaking hands (fail-fast refused it right after start),
        // and publishing never waits on it (fire-and-forget, skipped while Redis is known to be down).
        configuration.AbortOnConnectFail = false;
        channel = RedisChannel.Literal(settings.Channel);
        address = string.Join(", ", configuration.EndPoints.Select(Describe));
    }

    /// <summary>This server's id on the channel; messages carrying it came from here and were delivered already.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The subscribers on this server; tests count them.</summary>
    public InMemoryLiveBus Local => local;

    public async Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        SendToOtherServers(liveEvent);
        await local.PublishAsync(liveEvent, ct);
    }

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler) => local.Subscribe(topic, handler);

    /// <summary>The local bus hears this server's events and those every other server sent over the channel.</summary>
    public IDisposable SubscribeAll(Func<LiveEvent, Task> handler) => local.SubscribeAll(handler);

    // Start-up must not wait for Redis: the connection is made in the background.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = ConnectInBackgroundAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Connects and subscribes; completes (without throwing) also when Redis is unreachable.</summary>
    internal async Task ConnectAsync()
    {
        // Takes up to ConnectTimeout × ConnectRetry when Redis is down; the host does not wait for it (StartAsync).
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        connection.ConnectionFailed += OnConnectionFailed;
        connection.ConnectionRestored += OnConnectionRestored;
        bool tooLate;
        lock (stateLock)
        {
            tooLate = Volatile.Read(ref disposed) == 1;
            redis = tooLate ? null : connection;
        }

        if (tooLate)
        {
            await connection.DisposeAsync();
            return;
        }

        if (connection.IsConnected)
        {
            logger.LogInformation("Live updates travel through Redis at {Address} on channel {Channel}.", address, channel);
        }
        else
        {
            MarkDown(ConnectionType.Interactive, "no connection at start-up");
            MarkDown(ConnectionType.Subscription, "no connection at start-up");
        }

        if (!await TrySubscribeAsync(connection))
        {
            _ = KeepTryingToSubscribeAsync(connection);
        }
    }

    private async Task ConnectInBackgroundAsync()
    {
        try
        {
            await ConnectAsync();
        }
        catch (Exception ex) when (ex is RedisException or ArgumentException or InvalidOperationException or ObjectDisposedException)
        {
            logger.LogError(ex, "Could not set up Redis at {Address} (Live:Redis): live updates reach only pages on this server.", address);
        }
    }

    private void SendToOtherServers(LiveEvent liveEvent)
    {
        if (redis is not { IsConnected: true } connection)
        {
            return; // said once when the connection went down
        }

        string payload;
        try
        {
            payload = LiveEventSerializer.Serialize(new LiveMessage(Origin, liveEvent));
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            logger.LogError(ex, "{Event} cannot be written as JSON: only pages on this server see it.", liveEvent.GetType().Name);
            return;
        }

        try
        {
            connection.GetSubscriber().Publish(channel, payload, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Redis went away between the check and the send; the connection events say so once.
            logger.LogDebug(ex, "{Event} was not sent to Redis.", liveEvent.GetType().Name);
        }
    }

    private async Task ReceiveAsync(ChannelMessage message)
    {
        LiveMessage received;
        try
        {
            received = LiveEventSerializer.Deserialize((string?)message.Message ?? "");
        }
        catch (UnknownLiveEventException ex)
        {
            logger.LogWarning("Dropped a live event from another server: {Reason} (is a newer version of the portal rolling out?)", ex.Message);
            return;
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Dropped an unreadable message on the live channel {Channel}.", channel);
            return;
        }

        if (received.Origin == Origin)
        {
            return; // delivered locally when it was published
        }

        await local.PublishAsync(received.Event);
    }

    // One channel subscription for the whole server. Once made, StackExchange.Redis renews it after every
    // reconnect (the outage test proves it); this only covers a server that could not make it at start-up.
    private async Task<bool> TrySubscribeAsync(ConnectionMultiplexer connection)
    {
        if (!connection.IsConnected)
        {
            return false;
        }

        var subscriber = connection.GetSubscriber();
        try
        {
            // A message queue hands messages over one at a time, in publishing order; a handler delegate would
            // run them concurrently, and an older vote count could overwrite a newer one.
            var queue = await subscriber.SubscribeAsync(channel);
            queue.OnMessage(ReceiveAsync);
            // The ping travels behind SUBSCRIBE on the subscription connection: once it answers, events from
            // other servers arrive.
            await subscriber.PingAsync();
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogDebug(ex, "Subscribing to {Channel} failed; trying again.", channel);
            // A failed SUBSCRIBE may leave a queue registered that nobody reads; clear it before the next try.
            try
            {
                await subscriber.UnsubscribeAsync(channel);
            }
            catch (Exception inner) when (inner is RedisException or TimeoutException or ObjectDisposedException)
            {
                logger.LogDebug(inner, "Unsubscribing from {Channel} failed.", channel);
            }

            return false;
        }
    }

    private async Task KeepTryingToSubscribeAsync(ConnectionMultiplexer connection)
    {
        try
        {
            for (var attempt = 1; !await TrySubscribeAsync(connection); attempt++)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), stopping.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // disposed before Redis came back
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        MarkDown(e.ConnectionType, e.Exception?.Message ?? e.FailureType.ToString());

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => MarkUp(e.ConnectionType);

    // Reconnect attempts fail again and again while Redis is down; only the change from up to down is logged.
    private void MarkDown(ConnectionType type, string reason)
    {
        lock (stateLock)
        {
            var before = brokenConnections;
            brokenConnections |= 1 << (int)type;
            if (before == 0)
            {
                logger.LogWarning(
                    "Redis at {Address} is unreachable ({Reason}): live updates reach only pages on this server until it returns.",
                    address, reason);
            }
        }
    }

    private void MarkUp(ConnectionType type)
    {
        lock (stateLock)
        {
            var before = brokenConnections;
            brokenConnections &= ~(1 << (int)type);
            if (before != 0 && brokenConnections == 0)
            {
                logger.LogInformation("Redis at {Address} is reachable again: live updates reach pages on every server.", address);
            }
        }
    }

    private static string Describe(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "?",
    };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // A connection still being made disposes itself when it sees this flag; shutting down never waits for Redis.
        await stopping.CancelAsync();
        ConnectionMultiplexer? connection;
        lock (stateLock)
        {
            connection = redis;
        }

        if (connection is not null)
        {
            connection.ConnectionFailed -= OnConnectionFailed;
            connection.ConnectionRestored -= OnConnectionRestored;
            await connection.DisposeAsync();
        }

        // `stopping` is not disposed: the subscribe retry may still read its token while it winds down.
    }
}
