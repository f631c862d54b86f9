using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Accessibility;

/// <summary>
/// Journeys with the keyboard only: after signing in (set-up), every step is Tab, Enter, Space or typing — no click,
/// no focus set by the test. A step that only the mouse can reach fails with the number of Tab presses tried.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class KeyboardJourneyTests(BrowserFixture browser)
{
    private const int MostTabs = 80;

    [Fact]
    public async Task A_customer_skips_to_the_content_proposes_an_idea_and_votes_with_the_keyboard_only()
    {
        var customer = await browser.Portal.AddPersonAsync(Roles.Customer, ct: TestContext.Current.CancellationToken);
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(customer);
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();

        // A page that opens puts the focus on its heading, so reading starts at the content; back at the top, the skip
        // link is the first stop and takes the focus into the page's content.
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        await TabToAsync(page, "[data-testid=skip-link]", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main-content")).ToBeFocusedAsync();

        await TabToAsync(page, "[data-testid=propose-idea]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/ideas/new$"));
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        var title = $"Keyboard idea {Guid.NewGuid():N}"[..30];
        await TabToAsync(page, "[data-testid=propose-title] input, input[data-testid=propose-title]");
        await page.Keyboard.TypeAsync(title);
        await TabToAsync(page, "[data-testid=propose-body-tabs] textarea");
        await page.Keyboard.TypeAsync("Proposed without a mouse, as many of our customers do.");
        await TabToAsync(page, "[data-testid=propose-submit]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(PostUrl());
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        var vote = page.GetByTestId("vote-button").First;
        var before = await vote.GetAttributeAsync("aria-pressed");
        await TabToAsync(page, "[data-testid=vote-button]");
        await page.Keyboard.PressAsync("Space");
        await Expect(vote).ToHaveAttributeAsync("aria-pressed", before == "true" ? "false" : "true");
    }

    /// <summary>
    /// Presses Tab (Shift+Tab when <paramref name="backwards"/>) until the focus is on (or inside) the first element
    /// matching <paramref name="selector"/>.
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector, bool backwards = false)
    {
        var target = page.Locator(selector).First;
        await target.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        for (var presses = 1; presses <= MostTabs; presses++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"))
            {
                return;
            }
        }

        Assert.Fail($"{selector} was not reached with {MostTabs} presses of Tab.");
    }

    [GeneratedRegex("/posts/\\d+$")]
    private static partial Regex PostUrl();
}
