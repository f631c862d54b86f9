using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Notifications;

/// <summary>The bell in the app bar: the reader's own unread count, live, gone at zero, absent for visitors.</summary>
public sealed class NotificationBellTests : ComponentTestContext
{
    public NotificationBellTests() => UseDatabase();

    [Fact]
    public async Task The_bell_shows_the_unread_count_follows_it_live_and_hides_the_badge_at_zero()
    {
        var reader = await SeedUserAsync("Clara", Roles.CustomerId);
        var idea = await SeedIdeaAsync();
        await NotificationSeeding.AddAsync(Dbs, reader, idea, 2, Ct);
        SignIn(reader, Roles.Customer);
        var bus = Services.GetRequiredService<InMemoryLiveBus>();

        var bell = Render<NotificationBell>();

        Assert.Equal("2", Badge(bell));
        Assert.Equal("/notifications", bell.Find("a[data-testid=notification-link]").GetAttribute("href"));
        bell.WaitForAssertion(() => Assert.Equal(1, bus.SubscriptionCountOf(LiveTopics.User(reader))));

        await NotificationSeeding.AddAsync(Dbs, reader, idea, 1, Ct);
        await bus.PublishAsync(new NotificationsChanged(reader, 3, DateTime.UtcNow), Ct);
        bell.WaitForAssertion(() => Assert.Equal("3", Badge(bell)));
        // An icon-only link: screen readers hear the count, a mouse shows it as the tooltip.
        Assert.Equal("Notifications: 3 unread", bell.Find("[data-testid=notification-link]").GetAttribute("aria-label"));
        Assert.Equal("Notifications: 3 unread", bell.Find("[data-testid=notification-link]").GetAttribute("title"));

        await Services.GetRequiredService<NotificationInbox>().MarkAllReadAsync(new Viewer(reader, false, false, false), Ct);
        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("[data-testid=notification-link]").GetAttribute("data-unread")));
        Assert.Empty(bell.FindAll("[data-testid=notification-bell] .cc-badge"));
    }

    [Fact]
    public async Task Someone_elses_count_never_reaches_the_bell()
    {
        var reader = await SeedUserAsync("Clara", Roles.CustomerId);
        var other = await SeedUserAsync("Otto", Roles.CustomerId);
        SignIn(reader, Roles.Customer);
        var bus = Services.GetRequiredService<InMemoryLiveBus>();
        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Equal(1, bus.SubscriptionCountOf(LiveTopics.User(reader))));

        await bus.PublishAsync(new NotificationsChanged(other, 7, DateTime.UtcNow), Ct);
        await bus.PublishAsync(new NotificationsChanged(reader, 1, DateTime.UtcNow), Ct);

        bell.WaitForAssertion(() => Assert.Equal("1", Badge(bell)));
        Assert.Equal(0, bus.SubscriptionCountOf(LiveTopics.User(other)));
    }

    [Fact]
    public void A_visitor_gets_no_bell_and_listens_to_nothing()
    {
        var bell = Render<NotificationBell>();

        Assert.Empty(bell.FindAll("[data-testid=notification-bell]"));
        Assert.Empty(bell.FindAll("[data-testid=notification-link]"));
    }

    private static string Badge(IRenderedComponent<NotificationBell> bell) =>
        bell.Find("[data-testid=notification-bell] .cc-badge").TextContent.Trim();
}
