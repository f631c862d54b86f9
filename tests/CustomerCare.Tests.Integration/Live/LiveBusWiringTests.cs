using System.Net;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Live;

public sealed class LiveBusWiringTests
{
    [Fact]
    public async Task Without_Live_Redis_events_stay_in_this_process()
    {
        await using var portal = new EmptyPortalFactory();
        using var client = portal.CreateClient();

        Assert.Same(portal.Services.GetRequiredService<InMemoryLiveBus>(), portal.Services.GetRequiredService<ILiveBus>());
    }

    [Fact]
    public async Task With_Live_Redis_unreachable_the_portal_uses_Redis_yet_stays_healthy_and_delivers_locally()
    {
        await using var portal = new EmptyPortalFactory().With("Live:Redis", $"127.0.0.1:{RedisServerProcess.FreePort()}");
        using var client = portal.CreateClient();

        var health = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var bus = Assert.IsType<RedisLiveBus>(portal.Services.GetRequiredService<ILiveBus>());
        Assert.Same(portal.Services.GetRequiredService<InMemoryLiveBus>(), bus.Local);
        var received = 0;
        using var page = bus.Subscribe(LiveTopics.Post(1), _ => { Interlocked.Increment(ref received); return Task.CompletedTask; });
        await bus.PublishAsync(new VoteCountChanged(1, 3, DateTime.UtcNow), TestContext.Current.CancellationToken);
        Assert.Equal(1, received);
    }

    [Fact]
    public async Task Two_portals_on_one_Redis_share_their_events()
    {
        var channel = LiveServer.NewChannel();
        await using var first = new EmptyPortalFactory().With("Live:Redis", TestDependencies.Redis).With("Live:Channel", channel);
        await using var second = new EmptyPortalFactory().With("Live:Redis", TestDependencies.Redis).With("Live:Channel", channel);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        var received = 0;
        using var page = second.Services.GetRequiredService<ILiveBus>().Subscribe(LiveTopics.Post(1), _ => { Interlocked.Increment(ref received); return Task.CompletedTask; });

        // Both connect in the background after start-up; events sent before that are not replayed.
        await Until.TrueAsync(() => Volatile.Read(ref received) > 0, TestTimeouts.Wait, "the first portal's event on the second",
            between: () => first.Services.GetRequiredService<ILiveBus>().PublishAsync(new VoteCountChanged(1, 3, DateTime.UtcNow)));
    }
}
