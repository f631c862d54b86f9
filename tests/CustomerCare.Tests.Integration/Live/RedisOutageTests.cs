using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;
using Microsoft.Extensions.Logging;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>Each test runs a redis-server of its own, so it can stop Redis under two servers and start it again.</summary>
public sealed class RedisOutageTests
{
    private const string Unreachable = "is unreachable";
    private const string Back = "is reachable again";
    private static readonly TimeSpan Recovery = TestTimeouts.Wait;
    private readonly string channel = LiveServer.NewChannel();
    private int nextCount = 1;

    [Fact]
    public async Task Redis_going_down_leaves_local_delivery_and_delivery_between_servers_returns_by_itself()
    {
        using var redis = new RedisServerProcess();
        await redis.StartAsync();
        await using var a = await LiveServer.StartAsync(redis.Address, channel);
        await using var b = await LiveServer.StartAsync(redis.Address, channel);
        var onA = a.Listen(LiveTopics.Post(1));
        var onB = b.Listen(LiveTopics.Post(1));
        await PublishUntilArrivedAsync(a, onB, "server A's event on B before the outage");

        redis.Stop();
        await Until.TrueAsync(() => a.Logs.Count(LogLevel.Warning, Unreachable) > 0, Recovery, "server A to notice");
        var seenOnB = onB.Count;
        var seenOnA = onA.Count;

        // Publishing does not wait for Redis: a publish that waited out StackExchange.Redis's 5 s timeout would need
        // minutes for these 50, and the bound fails the test instead of letting it hang.
        await WithinAsync(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                await a.Bus.PublishAsync(Votes(), TestContext.Current.CancellationToken);
            }
        }, "50 publishes during the outage");
        Assert.Equal(seenOnA + 50, onA.Count);

        await redis.StartAsync();
        await PublishUntilArrivedAsync(a, onB, "server A's events on B after Redis returned");
        await PublishUntilArrivedAsync(b, onA, "server B's events on A after Redis returned");

        Assert.True(onB.Count > seenOnB);
        foreach (var server in new[] { a, b })
        {
            Assert.Equal(1, server.Logs.Count(LogLevel.Warning, Unreachable));
            Assert.Equal(1, server.Logs.Count(LogLevel.Information, Back));
        }
    }

    [Fact]
    public async Task Server_started_while_Redis_is_down_joins_the_others_when_Redis_starts()
    {
        using var redis = new RedisServerProcess();
        // Until Redis starts, its port takes connections and never answers, as a Redis behind a dead link would: the
        // attempt lasts its whole connectTimeout. (A closed port refuses at once, and the warning then raced the publish.)
        using var silent = new TcpListener(IPAddress.Loopback, redis.Port);
        silent.Start();
        var held = new ConcurrentBag<Socket>();
        var accepting = AcceptAndHoldAsync(silent, held);
        // One connect attempt instead of the default three of 5 s: long enough that the start and the first publish are
        // surely done before it gives up (however loaded the machine), short enough that the warning comes soon after.
        await using var a = LiveServer.Create($"{redis.Address},connectTimeout=10000,connectRetry=1", channel);
        var onA = a.Listen(LiveTopics.Post(1));
        await WithinAsync(async () =>
        {
            await a.Bus.StartAsync(TestContext.Current.CancellationToken);
            await a.Bus.PublishAsync(Votes(), TestContext.Current.CancellationToken);
        }, "starting and publishing without Redis");

        // Start-up did not wait for the connection attempt: the page had its event before the bus gave up on Redis.
        Assert.Equal(0, a.Logs.Count(LogLevel.Warning, Unreachable));
        Assert.Single(onA);
        await Until.TrueAsync(() => a.Logs.Count(LogLevel.Warning, Unreachable) > 0, Recovery, "the warning that Redis is unreachable");

        silent.Stop();
        await accepting;
        foreach (var socket in held)
        {
            socket.Dispose();
        }

        await redis.StartAsync();
        await using var b = await LiveServer.StartAsync(redis.Address, channel);
        var onB = b.Listen(LiveTopics.Post(1));
        await PublishUntilArrivedAsync(b, onA, "server B's events on A, which started without Redis");
        await PublishUntilArrivedAsync(a, onB, "server A's events on B");

        Assert.Equal(1, a.Logs.Count(LogLevel.Warning, Unreachable));
        Assert.Equal(1, a.Logs.Count(LogLevel.Information, Back));
    }

    private static async Task AcceptAndHoldAsync(TcpListener listener, ConcurrentBag<Socket> held)
    {
        try
        {
            while (true)
            {
                held.Add(await listener.AcceptSocketAsync());
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped: Redis takes the port now.
        }
    }

    // Events published while a link is still down are lost by design, so keep publishing until one arrives.
    private async Task PublishUntilArrivedAsync(LiveServer from, System.Collections.Concurrent.ConcurrentQueue<LiveEvent> to, string what)
    {
        var before = to.Count;
        await Until.TrueAsync(() => to.Count > before, Recovery, what,
            between: () => from.Bus.PublishAsync(Votes(), TestContext.Current.CancellationToken));
    }

    private VoteCountChanged Votes() => new(1, nextCount++, DateTime.UtcNow);

    private static async Task WithinAsync(Func<Task> work, string what)
    {
        try
        {
            await work().WaitAsync(TestTimeouts.Wait, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what} did not complete within {TestTimeouts.Wait.TotalSeconds:0} s: it waited for Redis.");
        }
    }
}
