using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerCare.Tests.Unit.Live;

public sealed class InMemoryLiveBusTests
{
    private readonly InMemoryLiveBus bus = new(NullLogger<InMemoryLiveBus>.Instance);

    [Fact]
    public async Task Subscriber_receives_events_of_its_topic_with_their_data()
    {
        var received = new List<LiveEvent>();
        using var _ = bus.Subscribe(LiveTopics.Post(7), e => { received.Add(e); return Task.CompletedTask; });

        await bus.PublishAsync(new VoteCountChanged(7, 12, DateTime.UtcNow), TestContext.Current.CancellationToken);
        await bus.PublishAsync(new VoteCountChanged(8, 99, DateTime.UtcNow), TestContext.Current.CancellationToken);

        var only = Assert.Single(received);
        Assert.Equal(12, Assert.IsType<VoteCountChanged>(only).VoteCount);
    }

    [Fact]
    public async Task Disposed_subscription_receives_nothing_and_leaves_nothing_behind()
    {
        var calls = 0;
        var subscription = bus.Subscribe(LiveTopics.Post(7), _ => { calls++; return Task.CompletedTask; });
        Assert.Equal(1, bus.SubscriptionCount);

        subscription.Dispose();
        subscription.Dispose();
        await bus.PublishAsync(new VoteCountChanged(7, 1, DateTime.UtcNow), TestContext.Current.CancellationToken);

        Assert.Equal(0, calls);
        Assert.Equal(0, bus.SubscriptionCount);
    }

    [Fact]
    public async Task A_subscriber_of_every_topic_hears_each_event_before_its_topics_subscribers_do()
    {
        var heard = new List<string>();
        using var all = bus.SubscribeAll(async e =>
        {
            await Task.Yield();
            heard.Add($"all {e.Topic}");
        });
        using var page = bus.Subscribe(LiveTopics.Post(7), e => { heard.Add($"page {e.Topic}"); return Task.CompletedTask; });

        await bus.PublishAsync(new VoteCountChanged(7, 1, DateTime.UtcNow), TestContext.Current.CancellationToken);
        await bus.PublishAsync(new VoteCountChanged(8, 1, DateTime.UtcNow), TestContext.Current.CancellationToken);
        all.Dispose();
        await bus.PublishAsync(new VoteCountChanged(9, 1, DateTime.UtcNow), TestContext.Current.CancellationToken);

        Assert.Equal(["all post:7", "page post:7", "all post:8"], heard);
        Assert.Equal(1, bus.SubscriptionCount); // the page's; a subscriber of every topic is no page
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_keep_the_event_from_the_others()
    {
        var delivered = 0;
        using var broken = bus.Subscribe(LiveTopics.Post(7), _ => throw new InvalidOperationException("circuit gone"));
        using var healthy = bus.Subscribe(LiveTopics.Post(7), _ => { delivered++; return Task.CompletedTask; });

        await bus.PublishAsync(new VoteCountChanged(7, 3, DateTime.UtcNow), TestContext.Current.CancellationToken);

        Assert.Equal(1, delivered);
    }

    [Fact]
    public async Task Many_subscribers_coming_and_going_concurrently_leave_an_exact_count()
    {
        var subscriptions = await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            Task.Run(() => bus.Subscribe(LiveTopics.Post(i % 5), _ => Task.CompletedTask), TestContext.Current.CancellationToken)));
        Assert.Equal(500, bus.SubscriptionCount);

        await Task.WhenAll(subscriptions.Select(s => Task.Run(s.Dispose, TestContext.Current.CancellationToken)));

        Assert.Equal(0, bus.SubscriptionCount);
    }
}
