using System.Text;
using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Insights;

/// <summary>
/// A product owner reads the insights: changes the period, downloads a chart's figures, and watches a figure move when a
/// customer files a complaint elsewhere; a customer never gets to them.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class InsightsBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_product_owner_changes_the_period_and_downloads_a_charts_figures()
    {
        var owner = await browser.Portal.AddPersonAsync(Roles.ProductOwner, ct: Ct);
        // At least one complaint in this period, so the mood chart has weeks to show (answered at once, see below).
        await AnsweredAsync(await browser.Portal.FileComplaintAsync(
            await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), mood: ComplaintMood.Unsure, ct: Ct));
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(owner);
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();

        await page.GetByTestId("nav-insights").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Insights" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Mood of new complaints" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Answer times" })).ToBeVisibleAsync();
        var weeks = page.Locator("[data-testid=insights-mood] [data-testid=insights-table] tbody tr");
        await Expect(weeks).ToHaveCountAsync(4);
        var range = await page.GetByTestId("insights-range").TextContentAsync();
        await page.WaitForCircuitAsync();

        await page.GetByLabel("Period").SelectOptionAsync("quarter");

        await page.WaitForURLAsync(new Regex(@"/insights\?period=quarter$"));
        await Expect(weeks).ToHaveCountAsync(13);
        await Expect(page.GetByTestId("insights-range")).Not.ToHaveTextAsync(range!);
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Download CSV: Mood of new complaints" });
        await Expect(link).ToHaveAttributeAsync("href", "/export/insights/mood.csv?period=quarter");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());

        Assert.Matches(@"^insights-mood-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"cc-insights-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(saved);
        try
        {
            var lines = await File.ReadAllLinesAsync(saved, Encoding.UTF8, Ct);
            Assert.Equal("Week (Monday),Angry,Disappointed,Unsure,Hopeful,No mood given,Total", lines[0]);
            Assert.Equal(1 + 13, lines.Length);
        }
        finally
        {
            File.Delete(saved);
        }

        await page.ReloadAsync();
        await Expect(page.GetByLabel("Period")).ToHaveValueAsync("quarter");
    }

    [Fact]
    public async Task A_complaint_filed_elsewhere_moves_the_mood_count_without_a_reload()
    {
        var owner = await browser.Portal.AddPersonAsync(Roles.ProductOwner, ct: Ct);
        var customer = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await browser.Portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(owner);
        await page.GotoAsync("/insights");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("insights-charts")).ToBeVisibleAsync();
        var before = await NewComplaintsAsync(page);
        await page.EvaluateAsync("() => window.insightsNotReloaded = true");

        var complaint = await browser.Portal.FileComplaintAsync(customer, mood: ComplaintMood.Angry, ct: Ct);

        try
        {
            await Expect(page.GetByTestId("insights-mood-total")).ToHaveTextAsync($"New complaints in this period: {before + 1}");
            Assert.True(await page.EvaluateAsync<bool>("() => window.insightsNotReloaded === true"), "The page was reloaded.");
        }
        finally
        {
            await AnsweredAsync(complaint, staff);
        }
    }

    [Fact]
    public async Task A_customer_finds_no_insights_in_the_menu_and_is_refused_at_the_address()
    {
        var customer = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(customer);
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();

        await Expect(page.GetByTestId("nav-insights")).ToHaveCountAsync(0);
        await page.GotoAsync("/insights");

        await Expect(page.GetByText("This page is for other roles.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("insights-charts")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mood of new complaints" })).ToHaveCountAsync(0);
    }

    // Answered, so the desk of this shared portal has nobody waiting because of this test.
    private async Task AnsweredAsync(int complaint, TestPerson? staff = null)
    {
        staff ??= await browser.Portal.AddPersonAsync(Roles.Staff, ct: Ct);
        Assert.True((await browser.Portal.Services.GetRequiredService<ThreadService>()
            .ReplyAsync(complaint, null, "We look into it today.", internalNote: false, staff.Viewer, Ct)).Succeeded);
    }

    // The period's new complaints as the mood card says them; a period without any says "nothing yet" instead.
    private static async Task<int> NewComplaintsAsync(IPage page)
    {
        var total = page.GetByTestId("insights-mood-total");
        if (await total.CountAsync() == 0)
        {
            await Expect(page.Locator("[data-testid=insights-mood] [data-testid=insights-nothing]")).ToBeVisibleAsync();
            return 0;
        }

        return int.Parse(Count().Match(await total.TextContentAsync() ?? "").Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\d+$")]
    private static partial Regex Count();
}
