using System.Text.RegularExpressions;
using CustomerCare.Data.Seeding;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed partial class ProposeIdeaBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Customer_is_offered_a_similar_idea_then_proposes_and_an_open_board_shows_it_without_a_reload()
    {
        var title = $"Dark mode for the customer portal {Guid.NewGuid():N}"[..48];
        var customer = await browser.OpenPageAsync();
        var watcher = await browser.OpenPageAsync("de-DE");
        await customer.SignInAsync(DemoAccounts.Customer);

        await watcher.GotoAsync("/");
        await watcher.WaitForCircuitAsync();
        var navigations = 0;
        watcher.FrameNavigated += (_, _) => navigations++;

        await customer.GotoAsync("/");
        await customer.WaitForCircuitAsync();
        await customer.GetByTestId("propose-idea").ClickAsync();
        await Expect(customer).ToHaveURLAsync(ProposeUrl());
        await customer.WaitForCircuitAsync();

        await TitleInput(customer).FillAsync(title);
        await Expect(customer.GetByTestId("similar-title").Filter(new() { HasText = "Dark mode for the app" })).ToBeVisibleAsync();
        await Expect(customer.GetByTestId("similar-idea").First.GetByTestId("vote-button")).ToBeVisibleAsync();

        await customer.Locator("textarea").First.FillAsync("The portal is **too bright** at night.");
        await customer.GetByTestId("propose-submit").ClickAsync();

        await Expect(customer).ToHaveURLAsync(PostUrl());
        await Expect(customer.Locator("h1")).ToHaveTextAsync(title);
        await Expect(watcher.GetByTestId("post-title").First).ToHaveTextAsync(title, new() { Timeout = 3_000 });
        Assert.Equal(0, navigations);
    }

    private static ILocator TitleInput(IPage page) =>
        page.Locator("input[data-testid=propose-title], [data-testid=propose-title] input").First;

    [GeneratedRegex(@"/ideas/new$")]
    private static partial Regex ProposeUrl();

    [GeneratedRegex(@"/posts/\d+$")]
    private static partial Regex PostUrl();
}
