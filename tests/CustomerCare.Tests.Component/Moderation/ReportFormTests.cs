using CustomerCare.Data.Entities;
using CustomerCare.Tests.Component.Support;
using CustomerCare.Web.Features.Moderation;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Extensions;

namespace CustomerCare.Tests.Component.Moderation;

/// <summary>The report form: "other" needs the note, a refusal keeps what was chosen and typed and says why, a report thanks.</summary>
public sealed class ReportFormTests : ComponentTestContext
{
    public ReportFormTests() => UseDatabase();

    [Fact]
    public async Task Other_without_a_note_is_refused_at_the_note_and_with_one_the_report_is_saved()
    {
        var (ideaId, reporterId) = await IdeaAndReporterAsync();
        var reported = false;
        var form = Render<ReportForm>(p => p.Add(f => f.PostId, ideaId).Add(f => f.Reported, () => reported = true));

        await ChooseAsync(form, ReportReason.Other);
        await form.Find("[data-testid=report-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("Please tell us in the note what is wrong.", form.Find("[data-testid=report-form]").TextContent, StringComparison.Ordinal));
        Assert.False(reported);
        Assert.Empty(await ReportsAsync());

        await form.InvokeAsync(() => form.Find("textarea[data-testid=report-note]").InputAsync(new ChangeEventArgs { Value = "It shows my address." }));
        await form.Find("[data-testid=report-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.True(reported));
        var report = Assert.Single(await ReportsAsync());
        Assert.Equal((ideaId, reporterId, ReportReason.Other, "It shows my address."), (report.PostId, report.ReporterId, report.Reason, report.Note));
    }

    [Fact]
    public async Task A_blocked_reporter_reads_the_reason_and_keeps_the_note()
    {
        var (ideaId, reporterId) = await IdeaAndReporterAsync();
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Users.Where(u => u.Id == reporterId).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.BlockedAt, DateTime.UtcNow).SetProperty(u => u.BlockReason, "Insults in three threads."), Ct);
        }

        var form = Render<ReportForm>(p => p.Add(f => f.PostId, ideaId));
        await form.InvokeAsync(() => form.Find("textarea[data-testid=report-note]").InputAsync(new ChangeEventArgs { Value = "Spam again." }));
        await form.Find("[data-testid=report-submit]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Equal(
            "Our team has blocked your account from posting: Insults in three threads.", form.Find("[data-testid=posting-blocked]").TextContent.Trim()));
        Assert.Equal("Spam again.", form.FindComponent<MudTextField<string>>().Instance.GetState(x => x.Value));
        Assert.Empty(await ReportsAsync());
    }

    [Fact]
    public async Task A_second_report_of_the_same_post_says_it_was_reported_already()
    {
        var (ideaId, _) = await IdeaAndReporterAsync();
        var first = Render<ReportForm>(p => p.Add(f => f.PostId, ideaId));
        await first.Find("[data-testid=report-submit]").ClickAsync(new()); // completes once the report is saved
        Assert.Single(await ReportsAsync());

        var second = Render<ReportForm>(p => p.Add(f => f.PostId, ideaId));
        await second.Find("[data-testid=report-submit]").ClickAsync(new());

        second.WaitForAssertion(() => Assert.Equal(
            "You have reported this already; our team will look at it.", second.Find("[data-testid=report-message]").TextContent.Trim()));
        Assert.Single(await ReportsAsync());
    }

    private async Task<(int IdeaId, string ReporterId)> IdeaAndReporterAsync()
    {
        var ideaId = await SeedIdeaAsync();
        var reporterId = await SeedUserAsync("Rita Reader", Roles.CustomerId);
        SignIn(reporterId, Roles.Customer);
        return (ideaId, reporterId);
    }

    private static Task ChooseAsync(IRenderedComponent<ReportForm> form, ReportReason reason) =>
        form.InvokeAsync(() => form.FindComponent<MudRadioGroup<ReportReason>>().Instance.ValueChanged.InvokeAsync(reason));

    private async Task<List<Report>> ReportsAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Reports.AsNoTracking().ToListAsync(Ct);
    }
}
