using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Component.Moderation;

/// <summary>The queue follows its staff-only topic: a report or a waiting idea appears without a reload, a decision takes it away.</summary>
public sealed class ModerationQueuePageTests : ComponentTestContext
{
    public ModerationQueuePageTests() => UseDatabase();

    [Fact]
    public async Task A_new_report_appears_live_with_its_reason_and_note_and_dismissing_takes_it_away()
    {
        var staff = await StaffAsync();
        var authorId = await SeedUserAsync("Bert Brandt", Roles.CustomerId, customerSince: new DateTime(2014, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        var ideaId = await SeedIdeaAsync("Free meters for everyone", authorId);
        var reporterId = await SeedUserAsync("Rita Reader", Roles.CustomerId);
        var page = Render<ModerationQueuePage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=queue-reported-empty]")));

        var reported = await Services.GetRequiredService<ReportService>()
            .ReportAsync(new(ideaId, null, ReportReason.OffTopic, "Not about energy."), Customer(reporterId), Ct);
        Assert.True(reported.Succeeded);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=queue-report]")));
        var item = page.Find("[data-testid=queue-report]");
        Assert.Contains("Free meters for everyone", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bert Brandt", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Customer since 2014", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Off topic × 1", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not about energy.", item.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Rita Reader", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=queue-block]"));

        await page.Find("[data-testid=queue-dismiss]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=queue-report]")));
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.Equal((ReportResolution?)ReportResolution.Dismissed, await db.Reports.Select(r => r.Resolution).SingleAsync(Ct));
        Assert.Equal(staff, await db.Reports.Select(r => r.ResolvedById).SingleAsync(Ct));
    }

    [Fact]
    public async Task An_idea_that_waits_appears_live_and_approving_takes_it_to_the_board()
    {
        await StaffAsync();
        var newcomer = await SeedUserAsync("Nina Neu", Roles.CustomerId); // unconfirmed and registered today: a new account
        var page = Render<ModerationQueuePage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=queue-held]")));

        var proposed = await Services.GetRequiredService<IdeaService>().ProposeAsync(
            new ProposeIdea("Cheap solar panels", "See https://a.example, https://b.example and https://c.example", null), Customer(newcomer), Ct);

        page.WaitForAssertion(() => Assert.Contains("many links", page.Find("[data-testid=queue-held]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Cheap solar panels", page.Find("[data-testid=queue-held]").TextContent, StringComparison.Ordinal);

        await page.Find("[data-testid=queue-approve]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=queue-held]")));
        var board = await Services.GetRequiredService<BoardService>().ListAsync(new BoardQuery(BoardSort.New), Viewer.Anonymous, Ct);
        Assert.Contains(board.Ideas, i => i.Id == proposed.PostId);
    }

    private async Task<string> StaffAsync()
    {
        var staffId = await SeedUserAsync("Anna Berger", Roles.StaffId);
        SignIn(staffId, Roles.Staff);
        return staffId;
    }

    private static Viewer Customer(string userId) => new(userId, IsStaff: false, IsProductOwner: false, IsAdmin: false);
}
