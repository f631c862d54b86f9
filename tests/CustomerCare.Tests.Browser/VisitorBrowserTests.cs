using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

/// <summary>
/// Issue 23: a visitor (nobody signed in) reads the board and an idea without a Blazor circuit, yet sees votes, replies
/// and new ideas made elsewhere within two seconds, through the public hub and the server's rendered pieces; signing in
/// from a visitor's page comes back to it, interactive.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class VisitorBrowserTests(BrowserFixture browser)
{
    private static readonly float TwoSeconds = 2_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitors_board_and_idea_open_no_circuit_yet_votes_replies_and_new_ideas_appear_within_two_seconds()
    {
        var author = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var voter = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await browser.Portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var ideaId = await browser.Portal.ProposeIdeaAsync(author, TestPeople.UniqueTitle("Visitor watches"), ct: Ct);
        var page = await browser.OpenPageAsync();
        var circuits = WatchForCircuits(page);

        await page.GotoAsync($"/?sort=new");
        await page.WaitForVisitorLiveAsync();
        var card = page.Locator($"[data-post-id='{ideaId}']");
        await Expect(card.GetByTestId("vote-count")).ToHaveTextAsync("0");

        Assert.Equal(VoteOutcome.Voted, (await Services.GetRequiredService<VoteService>().ToggleAsync(ideaId, voter.Viewer, Ct)).Outcome);
        await Expect(card.GetByTestId("vote-count")).ToHaveTextAsync("1", new() { Timeout = TwoSeconds });
        await Expect(card.GetByTestId("vote-button")).ToHaveAttributeAsync("aria-label", new Regex("1 vote$"));

        Assert.True((await Services.GetRequiredService<ThreadService>()
            .ReplyAsync(ideaId, null, "Thanks, we look at it this week.", internalNote: false, staff.Viewer, Ct)).Succeeded);
        await Expect(card.GetByTestId("reply-count")).ToHaveTextAsync(new Regex("^1 "), new() { Timeout = TwoSeconds });

        var newTitle = TestPeople.UniqueTitle("A newer idea");
        var newId = await browser.Portal.ProposeIdeaAsync(author, newTitle, ct: Ct);
        await Expect(page.GetByTestId("new-ideas")).ToHaveTextAsync("1 new idea — show", new() { Timeout = TwoSeconds });
        await page.GetByTestId("new-ideas").ClickAsync();
        await Expect(page.Locator("[data-board-cards] [data-post-id]").First).ToHaveAttributeAsync("data-post-id", newId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("new-ideas")).ToBeHiddenAsync();

        await page.Locator($"[data-post-id='{ideaId}'] [data-testid=post-title]").ClickAsync();
        await page.WaitForURLAsync($"**/posts/{ideaId}");
        await page.WaitForVisitorLiveAsync();
        await Expect(page.GetByTestId("reply")).ToHaveCountAsync(1);
        await Services.GetRequiredService<VoteService>().ToggleAsync(ideaId, staff.Viewer, Ct);
        await Expect(page.GetByTestId("vote-count")).ToHaveTextAsync("2", new() { Timeout = TwoSeconds });
        Assert.True((await Services.GetRequiredService<ThreadService>()
            .ReplyAsync(ideaId, null, "It is planned for March.", internalNote: false, staff.Viewer, Ct)).Succeeded);
        await Expect(page.GetByTestId("reply")).ToHaveCountAsync(2, new() { Timeout = TwoSeconds });
        await Expect(page.GetByTestId("reply").Last).ToContainTextAsync("It is planned for March.");

        Assert.Empty(circuits);
    }

    [Fact]
    public async Task Signing_in_to_vote_from_a_visitors_page_comes_back_to_it_interactive()
    {
        var author = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var customer = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ideaId = await browser.Portal.ProposeIdeaAsync(author, ct: Ct);
        var page = await browser.OpenPageAsync();
        await page.GotoAsync($"/posts/{ideaId}");
        await page.WaitForVisitorLiveAsync();

        await page.GetByTestId("vote-button").ClickAsync();
        await page.WaitForURLAsync(new Regex("Account/Login"));
        await page.Locator("input[name='Input.Email']").FillAsync(customer.Email);
        await page.Locator("input[name='Input.Password']").FillAsync(customer.Password);
        await page.Locator("form button[type=submit]").First.ClickAsync();

        await page.WaitForURLAsync($"**/posts/{ideaId}");
        await page.WaitForCircuitAsync();
        await page.GetByTestId("vote-button").ClickAsync();
        await Expect(page.GetByTestId("vote-count")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("vote-button")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task A_visitor_sorts_and_searches_the_board_without_a_circuit()
    {
        var page = await browser.OpenDemoPageAsync();
        var circuits = WatchForCircuits(page);
        await page.GotoAsync("/");
        await page.WaitForVisitorLiveAsync();

        await page.GetByTestId("board-sort").SelectOptionAsync(BoardAddress.SortValue(BoardSort.New));
        await page.WaitForURLAsync(new Regex("sort=new"), new() { WaitUntil = WaitUntilState.Commit });
        // Blazor's enhanced navigation has put the new page in place (it would reset a box typed into meanwhile).
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(page.GetByTestId("board-sort")).ToHaveValueAsync(BoardAddress.SortValue(BoardSort.New));
        await page.GetByTestId("board-search").FillAsync("Rechnung");
        await page.WaitForURLAsync(new Regex("q=Rechnung"), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByTestId("board-search")).ToHaveValueAsync("Rechnung");
        Assert.Empty(circuits);
    }

    private IServiceProvider Services => browser.Portal.Services;

    private static List<string> WatchForCircuits(IPage page)
    {
        var circuits = new List<string>();
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                circuits.Add(socket.Url);
            }
        };
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                circuits.Add(request.Url);
            }
        };
        return circuits;
    }
}
