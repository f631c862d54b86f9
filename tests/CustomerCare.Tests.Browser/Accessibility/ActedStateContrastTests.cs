using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Accessibility;

/// <summary>
/// States a page shows only after someone acts, which <see cref="AccessibilityTests"/>' walk over the demo never
/// reaches: checked by axe in the dark theme (its colours are the tighter ones), on the test portal's own people, so
/// acting changes nothing the walk sees.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ActedStateContrastTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unfollow_under_the_pointer_in_the_dark_theme_has_enough_contrast()
    {
        var author = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var idea = await browser.Portal.ProposeIdeaAsync(author, ct: Ct);
        var page = await browser.OpenPageAsync();
        await page.Context.AddCookiesAsync([new Cookie { Name = "cc-theme", Value = "dark", Url = browser.Root.ToString() }]);
        await page.SignInAsync(author);
        await page.GotoAsync($"posts/{idea}");
        await page.WaitForCircuitAsync();
        var toggle = page.GetByTestId("follow-toggle");
        // The author follows their idea: the button says "Unfollow", with the pointer's tint on it (a click's ripple
        // leaves axe unable to tell the background, so the pointer rests on it instead), its colours settled.
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await toggle.HoverAsync();
        await toggle.EvaluateAsync("b => Promise.allSettled(b.getAnimations({ subtree: true }).map(a => a.finished))");
        Assert.NotEqual("rgba(0, 0, 0, 0)", await toggle.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));

        var result = await toggle.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast"] } });

        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.SelectMany(v => v.Nodes.Select(n => $"{n.Html} — {AccessibilityTests.Why(n)}"))));
        Assert.NotEmpty(result.Passes);
    }
}
