using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Insights;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCare.Tests.Component.Insights;

/// <summary>The page reads its query from the address, puts a changed one back there, and follows the events that move a figure.</summary>
public sealed class InsightsPageTests : ComponentTestContext
{
    // A Thursday, 10:00 in the portal's zone (Europe/Berlin).
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    public InsightsPageTests()
    {
        Services.AddSingleton<TimeProvider>(time);
        Services.AddSingleton<InsightsService>();
        UseDatabase();
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task The_address_picks_the_period_and_a_new_complaint_moves_the_mood_count_without_reload()
    {
        var ownerId = await SeedUserAsync("Jonas Weber", Roles.ProductOwnerId);
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId);
        await SeedComplaintAsync(customerId, "Heating bill doubled", mood: ComplaintMood.Angry, minutesAgo: 60);
        SignIn(ownerId, Roles.ProductOwner);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/insights?period=quarter");

        var page = Render<InsightsPage>();

        page.WaitForAssertion(() => Assert.Equal(13, MoodWeeks(page)));
        Assert.Equal("New complaints in this period: 1", MoodTotal(page));
        var second = await SeedComplaintAsync(customerId, "Meter reading ignored", mood: ComplaintMood.Hopeful, minutesAgo: 1);
        await Services.GetRequiredService<ILiveBus>().PublishAsync(new ComplaintActivity(second, ComplaintActivityKind.Filed, Now), Ct);
        page.WaitForAssertion(() => Assert.Equal("New complaints in this period: 2", MoodTotal(page)));
    }

    [Fact]
    public async Task Picking_a_period_puts_it_in_the_address_and_shows_its_weeks()
    {
        var staffId = await SeedUserAsync("Anna Berger", Roles.StaffId);
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId);
        await SeedComplaintAsync(customerId, "Heating bill doubled", minutesAgo: 60);
        SignIn(staffId, Roles.Staff);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/insights");
        var page = Render<InsightsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, MoodWeeks(page)));

        await page.Find("select#insights-period").ChangeAsync(new ChangeEventArgs { Value = "year" });

        Assert.Equal("?period=year", new Uri(navigation.Uri).Query);
        page.WaitForAssertion(() => Assert.Equal(52, MoodWeeks(page)));
        Assert.Equal("/export/insights/mood.csv?period=year",
            page.Find("[data-testid=insights-mood] a[data-testid=insights-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_burst_of_votes_reads_the_report_once_at_once_and_once_after_the_spell()
    {
        var ownerId = await SeedUserAsync("Jonas Weber", Roles.ProductOwnerId);
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId);
        SignIn(ownerId, Roles.ProductOwner);
        var page = Render<InsightsPage>();
        page.WaitForAssertion(() => Assert.Equal("nothing yet", MoodTotal(page)));
        var bus = Services.GetRequiredService<ILiveBus>();

        var first = await SeedComplaintAsync(customerId, "First", minutesAgo: 2);
        await bus.PublishAsync(new ComplaintActivity(first, ComplaintActivityKind.Filed, Now), Ct);
        page.WaitForAssertion(() => Assert.Equal("New complaints in this period: 1", MoodTotal(page)));
        var second = await SeedComplaintAsync(customerId, "Second", minutesAgo: 1);
        await bus.PublishAsync(new ComplaintActivity(second, ComplaintActivityKind.Filed, Now), Ct);
        await Task.Delay(200, Ct);
        Assert.Equal("New complaints in this period: 1", MoodTotal(page));

        time.Advance(InsightsPage.ReloadAtMostEvery);

        page.WaitForAssertion(() => Assert.Equal("New complaints in this period: 2", MoodTotal(page)));
    }

    [Fact]
    public async Task The_page_leaves_every_topic_when_it_goes_away()
    {
        var staffId = await SeedUserAsync("Anna Berger", Roles.StaffId);
        SignIn(staffId, Roles.Staff);
        var bus = Services.GetRequiredService<InMemoryLiveBus>();
        var page = Render<InsightsPage>();
        page.WaitForAssertion(() => Assert.True(bus.SubscriptionCountOf(LiveTopics.Desk) == 1));

        await DisposeComponentsAsync();

        Assert.Equal(0, bus.SubscriptionCount);
    }

    [Fact]
    public async Task A_customer_who_reaches_the_page_gets_no_figures_from_the_service()
    {
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId);
        SignIn(customerId, Roles.Customer);

        var page = Render<InsightsPage>();

        page.WaitForAssertion(() => Assert.Contains("This page is for other roles", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=insights-charts]"));
    }

    private static int MoodWeeks(IRenderedComponent<InsightsPage> page) =>
        page.FindAll("[data-testid=insights-mood] [data-testid=insights-table] tbody tr").Count;

    private static string MoodTotal(IRenderedComponent<InsightsPage> page) =>
        page.FindAll("[data-testid=insights-mood-total]").SingleOrDefault()?.TextContent.Trim() ?? "nothing yet";
}
