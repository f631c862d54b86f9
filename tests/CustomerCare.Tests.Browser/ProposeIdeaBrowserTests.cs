using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed partial class ProposeIdeaBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Customer_is_offered_a_similar_idea_then_proposes_and_an_open_board_shows_it_without_a_reload()
    {
        var ct = TestContext.Current.CancellationToken;
        var title = $"Dark mode for the customer portal {Guid.NewGuid():N}"[..48];
        // The idea it is offered: someone else's, sharing the words and the one word no other idea has.
        var token = title[^14..];
        var similarTitle = $"Dark mode for the app {token}";
        await browser.Portal.ProposeIdeaAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: ct), similarTitle, ct: ct);
        var person = await browser.Portal.AddPersonAsync(Roles.Customer, ct: ct);
        var customer = await browser.OpenPageAsync();
        var watcher = await browser.OpenPageAsync("de-DE");
        await customer.SignInAsync(person);
        // A signed-in reader, whose board (a circuit) puts a new idea on top by itself; a visitor's board offers it
        // instead (VisitorBrowserTests).
        await watcher.SignInAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: ct));

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
        await Expect(customer.GetByTestId("similar-title").Filter(new() { HasText = similarTitle })).ToBeVisibleAsync();
        await Expect(customer.GetByTestId("similar-idea").First.GetByTestId("vote-button")).ToBeVisibleAsync();

        await customer.Locator("textarea").First.FillAsync("The portal is **too bright** at night.");
        await customer.GetByTestId("propose-submit").ClickAsync();

        await Expect(customer).ToHaveURLAsync(PostUrl());
        await Expect(customer.Locator("h1")).ToHaveTextAsync(title);
        await Expect(watcher.GetByTestId("post-title").First).ToHaveTextAsync(title);
        Assert.Equal(0, navigations);
    }

    private static ILocator TitleInput(IPage page) =>
        page.Locator("input[data-testid=propose-title], [data-testid=propose-title] input").First;

    [GeneratedRegex(@"/ideas/new$")]
    private static partial Regex ProposeUrl();

    [GeneratedRegex(@"/posts/\d+$")]
    private static partial Regex PostUrl();
}
