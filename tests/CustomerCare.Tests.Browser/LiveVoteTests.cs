using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class LiveVoteTests(BrowserFixture browser)
{
    [Fact]
    public async Task Vote_in_one_browser_appears_in_another_without_a_reload()
    {
        var ct = TestContext.Current.CancellationToken;
        var author = await browser.Portal.AddPersonAsync(Roles.Customer, ct: ct);
        var customer = await browser.Portal.AddPersonAsync(Roles.Customer, ct: ct);
        var ideaId = await browser.Portal.ProposeIdeaAsync(author, ct: ct);
        var voter = await browser.OpenPageAsync();
        var watcher = await browser.OpenPageAsync("de-DE");
        await voter.SignInAsync(customer);

        await watcher.GotoAsync($"/posts/{ideaId}");
        await watcher.WaitForCircuitAsync();
        var watched = watcher.GetByTestId("vote-count");
        var before = "0";
        await Expect(watched).ToHaveTextAsync(before);
        var navigations = 0;
        watcher.FrameNavigated += (_, _) => navigations++;

        await voter.GotoAsync($"/posts/{ideaId}");
        await voter.WaitForCircuitAsync();
        await voter.GetByTestId("vote-button").ClickAsync();
        await Expect(voter.GetByTestId("vote-count")).Not.ToHaveTextAsync(before);
        var after = await voter.GetByTestId("vote-count").InnerTextAsync();

        await Expect(watched).ToHaveTextAsync(after);
        Assert.Equal(0, navigations);
    }
}
