using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Staff;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCare.Tests.Component.Staff;

/// <summary>The desk follows the staff-only desk topic: rows appear and change without a reload.</summary>
public sealed class StaffDeskPageTests : ComponentTestContext
{
    // A Tuesday, 09:00 in the portal's default zone (Europe/Berlin): business hours, so the clocks run.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    public StaffDeskPageTests()
    {
        Services.AddSingleton<TimeProvider>(time);
        Services.AddSingleton<StaffDeskService>();
        UseDatabase();
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task A_desk_event_adds_a_new_complaint_and_updates_an_answered_one_without_reload()
    {
        var staffId = await SeedUserAsync("Jonas Weber", Roles.StaffId, new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId, new(2014, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var first = await SeedComplaintAsync(customerId, "Heating bill doubled");
        SignIn(staffId, Roles.Staff);

        var desk = Render<StaffDeskPage>();
        desk.WaitForAssertion(() => Assert.Single(desk.FindAll("[data-testid=desk-row]")));
        Assert.Contains("Customer since 2014", desk.Markup, StringComparison.Ordinal);
        Assert.Contains("1 unanswered", desk.Find("[data-testid=unanswered-count]").TextContent, StringComparison.Ordinal);

        var bus = Services.GetRequiredService<ILiveBus>();
        var second = await SeedComplaintAsync(customerId, "Meter reading ignored");
        await bus.PublishAsync(new ComplaintActivity(second, ComplaintActivityKind.Filed, Now), Ct);

        desk.WaitForAssertion(() => Assert.Equal(2, desk.FindAll("[data-testid=desk-row]").Count));
        Assert.Contains("Meter reading ignored", desk.Markup, StringComparison.Ordinal);
        Assert.Contains("Earlier complaints: 1 (0 solved, 1 open)", desk.Markup, StringComparison.Ordinal);

        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            db.Replies.Add(new Reply { PostId = first, AuthorId = staffId, Body = "On it.", CreatedAt = Now.AddSeconds(1) });
            await db.SaveChangesAsync(Ct);
        }

        await bus.PublishAsync(new ComplaintActivity(first, ComplaintActivityKind.StaffReplied, Now), Ct);
        desk.WaitForAssertion(() => Assert.Contains("1 unanswered", desk.Find("[data-testid=unanswered-count]").TextContent, StringComparison.Ordinal));
        Assert.Single(desk.FindAll("[data-testid=desk-clock]"));
    }

    [Fact]
    public async Task The_address_filters_the_desk_to_escalated_complaints_of_long_standing_customers_and_the_count_stays_whole()
    {
        var staffId = await SeedUserAsync("Jonas Weber", Roles.StaffId, new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var loyal = await SeedUserAsync("Greta Hansen", Roles.CustomerId, Now.AddYears(-6));
        var recent = await SeedUserAsync("Tom Berger", Roles.CustomerId, Now.AddYears(-2));
        await SeedComplaintAsync(loyal, "Heating bill doubled", escalated: true);
        await SeedComplaintAsync(loyal, "Meter reading ignored");
        await SeedComplaintAsync(recent, "Contract cancelled by mistake", escalated: true);
        SignIn(staffId, Roles.Staff);
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo("/staff?filter=escalated&tenure=5");
        var desk = Render<StaffDeskPage>();

        desk.WaitForAssertion(() => Assert.Equal(["Heating bill doubled"], Titles(desk)));
        Assert.Contains("3 unanswered", desk.Find("[data-testid=unanswered-count]").TextContent, StringComparison.Ordinal);

        await desk.Find("button[data-testid=desk-filter-All]").ClickAsync(new());
        desk.WaitForAssertion(() => Assert.Equal(2, Titles(desk).Count));
        var address = new Uri(navigation.Uri);
        Assert.Equal("?tenure=5", address.Query);

        navigation.NavigateTo("/staff?filter=escalated");
        desk.WaitForAssertion(() => Assert.Equal(2, Titles(desk).Count));
        Assert.DoesNotContain("Meter reading ignored", Titles(desk));
    }

    [Fact]
    public async Task The_clocks_run_while_the_desk_is_open_and_an_angry_customer_moves_up_without_any_event()
    {
        var staffId = await SeedUserAsync("Jonas Weber", Roles.StaffId, new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var customerId = await SeedUserAsync("Greta Hansen", Roles.CustomerId, new(2014, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        await SeedComplaintAsync(customerId, "Meter reading ignored", mood: ComplaintMood.Hopeful, minutesAgo: 60);
        await SeedComplaintAsync(customerId, "Heating bill doubled", mood: ComplaintMood.Angry, minutesAgo: 0);
        SignIn(staffId, Roles.Staff);
        var desk = Render<StaffDeskPage>();
        desk.WaitForAssertion(() => Assert.Equal(["Meter reading ignored", "Heating bill doubled"], Titles(desk)));
        Assert.Contains("Waiting 0 min", desk.FindAll("[data-testid=desk-clock]")[1].TextContent, StringComparison.Ordinal);

        // Two business hours later the angry customer has waited half the four-hour target: first, before a longer calm wait.
        await desk.InvokeAsync(() => time.Advance(TimeSpan.FromHours(2)));

        desk.WaitForAssertion(() => Assert.Equal(["Heating bill doubled", "Meter reading ignored"], Titles(desk)));
        Assert.Contains("Waiting 2 h", desk.FindAll("[data-testid=desk-clock]")[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(desk.FindAll("[data-testid=desk-overdue]"));

        // Past the target both are overdue, and among overdue customers the longest wait leads again.
        await desk.InvokeAsync(() => time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1)));
        desk.WaitForAssertion(() => Assert.Equal(2, desk.FindAll("[data-testid=desk-overdue]").Count));
        Assert.Equal(["Meter reading ignored", "Heating bill doubled"], Titles(desk));
    }

    private static List<string> Titles(IRenderedComponent<StaffDeskPage> desk) =>
        [.. desk.FindAll("[data-testid=desk-row] a").Select(a => a.TextContent.Trim())];
}
