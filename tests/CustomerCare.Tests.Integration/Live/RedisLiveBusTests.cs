using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>Two portal servers on the Redis that ./test.sh starts; each test has a channel of its own.</summary>
public sealed class RedisLiveBusTests
{
    private static readonly TimeSpan Patience = TestTimeouts.Wait;
    private readonly string channel = LiveServer.NewChannel();

    [Fact]
    public async Task Event_published_on_one_server_reaches_the_other_and_both_see_it_exactly_once()
    {
        await using var a = await LiveServer.StartAsync(TestDependencies.Redis, channel);
        await using var b = await LiveServer.StartAsync(TestDependencies.Redis, channel);
        var onA = a.Listen(LiveTopics.Post(7));
        var onB = b.Listen(LiveTopics.Post(7));

        await a.Bus.PublishAsync(Votes(7, 12), TestContext.Current.CancellationToken);
        Assert.Single(onA); // at once, without a trip through Redis
        await a.Bus.PublishAsync(Votes(7, 13), TestContext.Current.CancellationToken);
        await Until.TrueAsync(() => onB.Count >= 2, Patience, "both events on server B");
        await b.Bus.PublishAsync(Votes(7, 14), TestContext.Current.CancellationToken);
        await Until.TrueAsync(() => onA.Count >= 3, Patience, "server B's event on server A");

        // Redis delivers in order, so a duplicate of an earlier event would have come before the last one.
        Assert.Equal([12, 13, 14], onA.Select(e => ((VoteCountChanged)e).VoteCount));
        Assert.Equal([12, 13, 14], onB.Select(e => ((VoteCountChanged)e).VoteCount));
    }

    [Fact]
    public async Task Server_delivers_only_the_topics_its_pages_show()
    {
        await using var a = await LiveServer.StartAsync(TestDependencies.Redis, channel);
        await using var b = await LiveServer.StartAsync(TestDependencies.Redis, channel);
        var post1OnA = a.Listen(LiveTopics.Post(1));
        var post2OnA = a.Listen(LiveTopics.Post(2));

        await b.Bus.PublishAsync(Votes(2, 20), TestContext.Current.CancellationToken);
        await b.Bus.PublishAsync(Votes(1, 10), TestContext.Current.CancellationToken);
        await Until.TrueAsync(() => !post1OnA.IsEmpty, Patience, "post 1's event on server A");

        Assert.Equal(1, ((VoteCountChanged)Assert.Single(post1OnA)).PostId);
        Assert.Equal(2, ((VoteCountChanged)Assert.Single(post2OnA)).PostId);
    }

    [Fact]
    public async Task A_server_holds_one_Redis_subscription_however_many_pages_are_open()
    {
        await using var a = await LiveServer.StartAsync(TestDependencies.Redis, channel);
        for (var i = 0; i < 1000; i++)
        {
            a.Listen(LiveTopics.Post(i % 250));
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestDependencies.Redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);

        Assert.Equal(1000, a.Bus.Local.SubscriptionCount);
        Assert.Equal(1, await server.SubscriptionSubscriberCountAsync(RedisChannel.Literal(channel)));
    }

    [Fact]
    public async Task Event_type_from_a_newer_server_is_dropped_with_a_warning_and_later_events_still_arrive()
    {
        await using var b = await LiveServer.StartAsync(TestDependencies.Redis, channel);
        var onB = b.Listen(LiveTopics.Post(1));
        await using var newer = await ConnectionMultiplexer.ConnectAsync(TestDependencies.Redis);

        await newer.GetSubscriber().PublishAsync(RedisChannel.Literal(channel),
            """{"origin":"newer","event":{"$event":"PollOpened","topic":"post:1","occurredAt":"2026-01-01T00:00:00Z"}}""");
        await using var a = await LiveServer.StartAsync(TestDependencies.Redis, channel);
        await a.Bus.PublishAsync(Votes(1, 5), TestContext.Current.CancellationToken);
        await Until.TrueAsync(() => !onB.IsEmpty, Patience, "the known event on server B");

        Assert.Equal(5, ((VoteCountChanged)Assert.Single(onB)).VoteCount);
        Assert.Equal(1, b.Logs.Count(LogLevel.Warning, "PollOpened"));
    }

    private static VoteCountChanged Votes(int postId, int count) => new(postId, count, DateTime.UtcNow);
}
