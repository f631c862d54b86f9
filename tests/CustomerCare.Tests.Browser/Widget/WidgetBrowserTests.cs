using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Votes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Widget;

/// <summary>
/// The widget in Chromium on the company's own site, another origin than the portal's: the panel opens from its button,
/// lists the most-voted ideas, follows a vote live, searches, and proposes on the portal; its requests carry no cookie
/// even where the browser has the portal's; axe finds nothing in it. On a site the portal does not allow, nothing is
/// drawn, the console says why, and the portal itself works on.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class WidgetBrowserTests(BrowserFixture browser, CompanySites sites) : IClassFixture<CompanySites>
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_an_allowed_site_the_panel_lists_the_top_ideas_live_searches_and_proposes_on_the_portal()
    {
        await sites.StartAsync();
        var portal = sites.Portal;
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var most = await portal.ProposeIdeaAsync(author, TestPeople.UniqueTitle("Smart meter readings in the app"), ct: Ct);
        var next = await portal.ProposeIdeaAsync(author, TestPeople.UniqueTitle("Paperless invoices"), ct: Ct);
        var searched = TestPeople.UniqueTitle("Heat pump tariff");
        await portal.ProposeIdeaAsync(author, searched, ct: Ct);
        await portal.FileComplaintAsync(author, "My private complaint about the meter", ct: Ct);
        var votes = portal.Services.GetRequiredService<VoteService>();
        foreach (var voter in new[] { author, customer })
        {
            await votes.ToggleAsync(most, voter.Viewer, Ct);
        }

        await votes.ToggleAsync(next, customer.Viewer, Ct);
        var context = await browser.NewContextAsync(new() { BaseURL = portal.RootUri!.ToString() });
        var page = await context.NewPageAsync();
        await page.SignInAsync(customer);
        var portalRequests = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(portal.RootUri!.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
            {
                portalRequests.Add(request);
            }
        };

        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        await page.GotoAsync(sites.Allowed.ToString());
        var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Ideas & feedback" });
        await launcher.ClickAsync();
        var panel = page.GetByRole(AriaRole.Dialog, new() { Name = $"Ideas for {CompanySites.Company}" });
        var rows = panel.GetByRole(AriaRole.Listitem);
        await Expect(rows.First).ToContainTextAsync("Smart meter readings in the app");
        await Expect(rows.Nth(1)).ToContainTextAsync("Paperless invoices");
        await Expect(panel).Not.ToContainTextAsync("My private complaint");
        await Expect(page.GetByRole(AriaRole.Searchbox)).ToBeFocusedAsync();
        await Expect(launcher).ToHaveAttributeAsync("aria-expanded", "true");
        var nextVotes = panel.Locator($"li[data-id='{next}'] .votes");
        await Expect(nextVotes).ToHaveTextAsync("1");

        try
        {
            await Expect(page.Locator("#customercare-widget section[data-live=on]")).ToHaveCountAsync(1);
        }
        catch (PlaywrightException e)
        {
            Assert.Fail($"The widget's live updates did not start: {e.Message}\nConsole:\n{string.Join("\n", console)}");
        }

        await votes.ToggleAsync(next, author.Viewer, Ct);
        await Expect(nextVotes).ToHaveTextAsync("2");
        await Expect(nextVotes).ToHaveAttributeAsync("aria-label", "2 votes");

        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });
        Assert.Empty(axe.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id} {n.Html}")));

        await page.GetByRole(AriaRole.Searchbox).FillAsync(searched);
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(searched);

        await page.GetByRole(AriaRole.Searchbox).FillAsync("Solar panel rebate");
        await Expect(panel.GetByText("No idea matches yet")).ToBeVisibleAsync();
        var proposing = await page.RunAndWaitForPopupAsync(
            () => panel.GetByRole(AriaRole.Button, new() { Name = "Propose “Solar panel rebate”" }).ClickAsync());
        await proposing.WaitForCircuitAsync();
        Assert.StartsWith($"{portal.RootUri!.GetLeftPart(UriPartial.Authority)}/ideas/new?title=Solar", proposing.Url, StringComparison.Ordinal);
        await Expect(proposing.Locator("input[data-testid=propose-title], [data-testid=propose-title] input").First).ToHaveValueAsync("Solar panel rebate");

        await page.BringToFrontAsync();
        await page.GetByRole(AriaRole.Searchbox).PressAsync("Escape");
        await Expect(launcher).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(launcher).ToBeFocusedAsync();
        Assert.DoesNotContain(console, m => m.Contains("CustomerCare widget:", StringComparison.Ordinal));
        var reads = portalRequests.Where(r => r.Url.Contains("/api/v1/ideas", StringComparison.Ordinal) || r.Url.Contains("/widget/v1/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reads);
        foreach (var read in reads)
        {
            Assert.Null(await read.HeaderValueAsync("cookie"));
        }
    }

    [Fact]
    public async Task On_a_site_that_is_not_allowed_nothing_is_drawn_the_console_says_why_and_the_portal_works_on()
    {
        await sites.StartAsync();
        var context = await browser.NewContextAsync(new() { BaseURL = sites.Portal.RootUri!.ToString() });
        var page = await context.NewPageAsync();
        var said = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("CustomerCare widget:", StringComparison.Ordinal))
            {
                said.TrySetResult(message.Type + " " + message.Text);
            }
        };

        await page.GotoAsync(sites.Foreign.ToString());
        var message = await said.Task.WaitAsync(TestTimeouts.Wait, Ct);

        Assert.Equal($"error CustomerCare widget: {sites.Foreign.GetLeftPart(UriPartial.Authority)} is not among the sites allowed to show "
            + $"{sites.Portal.RootUri!.GetLeftPart(UriPartial.Authority)}'s ideas. An admin of the portal adds it to Live:AllowedOrigins.", message);
        Assert.Equal(0, await page.Locator("#customercare-widget").CountAsync());
        await page.GotoAsync("/ideas");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }
}
