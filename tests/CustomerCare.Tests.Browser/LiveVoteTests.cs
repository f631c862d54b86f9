using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class LiveVoteTests(BrowserFixture browser)
{
    [Fact]
    public async Task Vote_in_one_browser_appears_in_another_without_a_reload()
    {
        var idea = await AnOpenIdeaAsync();
        var voter = await browser.OpenPageAsync();
        var watcher = await browser.OpenPageAsync("de-DE");
        await voter.SignInAsync(DemoAccounts.Customer);

        await watcher.GotoAsync($"/posts/{idea.Id}");
        await watcher.WaitForCircuitAsync();
        var watched = watcher.GetByTestId("vote-count");
        var before = idea.VoteCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(watched).ToHaveTextAsync(before);
        var navigations = 0;
        watcher.FrameNavigated += (_, _) => navigations++;

        await voter.GotoAsync($"/posts/{idea.Id}");
        await voter.WaitForCircuitAsync();
        await voter.GetByTestId("vote-button").ClickAsync();
        await Expect(voter.GetByTestId("vote-count")).Not.ToHaveTextAsync(before);
        var after = await voter.GetByTestId("vote-count").InnerTextAsync();

        await Expect(watched).ToHaveTextAsync(after, new() { Timeout = 2_000 });
        Assert.Equal(0, navigations);
    }

    private async Task<Post> AnOpenIdeaAsync()
    {
        var dbs = browser.Portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();
        await using var db = await dbs.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Posts.AsNoTracking()
            .Where(p => p.Kind == PostKind.Idea && p.Status == PostStatus.Open)
            .OrderByDescending(p => p.VoteCount)
            .FirstAsync(TestContext.Current.CancellationToken);
    }
}
