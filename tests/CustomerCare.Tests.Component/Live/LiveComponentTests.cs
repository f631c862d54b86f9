using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Live;

/// <summary>
/// A page takes live events without holding up whoever published them, and in the order they were published.
/// </summary>
public sealed class LiveComponentTests : ComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Publishing_does_not_wait_for_a_page_to_take_the_event_and_the_page_keeps_their_order()
    {
        var bus = Services.GetRequiredService<ILiveBus>();
        var busyPage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = Render<SlowPage>(p => p.Add(x => x.Busy, busyPage.Task));
        page.WaitForAssertion(() => Assert.Equal(1, Subscriptions()));

        // The page is still busy with the first event when the second comes: the publisher is answered at once.
        await bus.PublishAsync(Event(1), Ct).WaitAsync(Patience, Ct);
        await bus.PublishAsync(Event(2), Ct).WaitAsync(Patience, Ct);
        Assert.Equal("", page.Find("ol").TextContent);

        busyPage.SetResult();
        page.WaitForAssertion(() => Assert.Equal(["1", "2"], page.FindAll("li").Select(li => li.TextContent)));
    }

    [Fact]
    public async Task A_page_that_goes_away_drops_the_events_still_on_their_way()
    {
        var bus = Services.GetRequiredService<ILiveBus>();
        var busyPage = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = Render<SlowPage>(p => p.Add(x => x.Busy, busyPage.Task));
        page.WaitForAssertion(() => Assert.Equal(1, Subscriptions()));
        await bus.PublishAsync(Event(1), Ct);
        await bus.PublishAsync(Event(2), Ct);
        var instance = page.Instance;
        await instance.FirstStarted.Task.WaitAsync(Patience, Ct);

        await DisposeComponentsAsync();
        busyPage.SetResult();

        // The first event was being taken when the page went; the second, still queued, never starts.
        await instance.DeliveredSoFar.WaitAsync(Patience, Ct);
        Assert.Equal([1], instance.Taken);
        Assert.Equal(1, instance.Started);
        Assert.Equal(0, Subscriptions());
    }

    private int Subscriptions() => Services.GetRequiredService<InMemoryLiveBus>().SubscriptionCountOf(SlowPage.Topic);

    private static NotificationsChanged Event(int unread) => new("live-component-test", unread, DateTime.UtcNow);

    /// <summary>Lists the unread counts it was told, after waiting for <see cref="Busy"/> on each.</summary>
    private sealed class SlowPage : LiveComponent
    {
        public static readonly string Topic = LiveTopics.User("live-component-test");

        [Parameter]
        public Task Busy { get; set; } = Task.CompletedTask;

        public List<int> Taken { get; } = [];

        public int Started { get; private set; }

        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override string? LiveTopic => Topic;

        protected override async Task OnLiveEventAsync(LiveEvent liveEvent)
        {
            Started++;
            FirstStarted.TrySetResult();
            await Busy;
            Taken.Add(((NotificationsChanged)liveEvent).Unread);
            StateHasChanged();
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "ol");
            foreach (var unread in Taken)
            {
                builder.OpenElement(1, "li");
                builder.AddContent(2, unread);
                builder.CloseElement();
            }

            builder.CloseElement();
        }
    }
}
