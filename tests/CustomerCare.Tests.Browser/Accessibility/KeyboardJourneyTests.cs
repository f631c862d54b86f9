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
    private const string Composer = "[data-testid=composer] textarea:visible";

    [Fact]
    public async Task A_customer_skips_to_the_content_proposes_an_idea_and_votes_with_the_keyboard_only()
    {
        // A page that opens puts the focus on its heading, so reading starts at the content; back at the top, the skip
        // link is the first stop and takes the focus into the page's content.
        var page = await OpenAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), "/");
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

    [Fact]
    public async Task A_customer_replies_in_a_thread_with_the_keyboard_only()
    {
        var idea = await browser.Portal.ProposeIdeaAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var page = await OpenAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), $"/posts/{idea}");

        var text = $"Same here, written with the keyboard ({Guid.NewGuid():N}).";
        await TabToAsync(page, Composer);
        await page.Keyboard.TypeAsync(text);
        await TabToAsync(page, "[data-testid=composer-submit]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("[data-testid=reply]", new() { HasText = text })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_complaint_is_filed_taken_over_proposed_solved_and_rated_with_the_keyboard_only()
    {
        var clara = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);

        // The customer files it: a mood chip, the title, the text, then send.
        var customer = await OpenAsync(clara, "/complaints/new");
        var title = $"Invoice sent twice {Guid.NewGuid():N}"[..30];
        await TabToAsync(customer, "[data-testid=mood-angry]");
        await customer.Keyboard.PressAsync("Enter");
        await Expect(customer.GetByTestId("mood-angry")).ToHaveAttributeAsync("aria-checked", "true");
        await TabToAsync(customer, "input[data-testid=complaint-title]");
        await customer.Keyboard.TypeAsync(title);
        await TabToAsync(customer, "textarea[data-testid=complaint-body]");
        await customer.Keyboard.TypeAsync("The October invoice came twice, and both were charged.");
        await TabToAsync(customer, "[data-testid=complaint-submit]");
        await customer.Keyboard.PressAsync("Enter");
        await Expect(customer).ToHaveURLAsync(PostUrl());
        await Expect(customer.Locator("h1")).ToHaveTextAsync(title);
        await Expect(customer.Locator("h1")).ToBeFocusedAsync();

        // A colleague (new, so not the one it went to) takes it over and sends the answer as the proposed resolution.
        var anna = await browser.Portal.AddPersonAsync(Roles.Staff, "Anna Keyboard", "Customer Care", Ct);
        var staff = await OpenAsync(anna, new Uri(customer.Url).AbsolutePath);
        await TabToAsync(staff, "[data-testid=ownership-claim]");
        await staff.Keyboard.PressAsync("Enter");
        await Expect(staff.GetByTestId("complaint-owner")).ToContainTextAsync(anna.DisplayName);
        var answer = $"We refunded the second charge today ({Guid.NewGuid():N}).";
        await TabToAsync(staff, Composer);
        await staff.Keyboard.TypeAsync(answer);
        const string Propose = "input[data-testid=composer-propose], [data-testid=composer-propose] input";
        await TabToAsync(staff, Propose);
        await staff.Keyboard.PressAsync("Space");
        await Expect(staff.Locator(Propose).First).ToBeCheckedAsync();
        await TabToAsync(staff, "[data-testid=composer-submit]");
        await staff.Keyboard.PressAsync("Enter");

        // The customer's page, open all along, hears it; she confirms and gives four of five stars with a comment.
        await Expect(customer.GetByTestId("resolution-pending")).ToContainTextAsync(anna.DisplayName);
        await TabToAsync(customer, "[data-testid=resolution-yes]");
        await customer.Keyboard.PressAsync("Enter");
        await Expect(customer.GetByTestId("resolution-outcome")).ToBeVisibleAsync();
        await TabToAsync(customer, "[data-testid=resolution-stars]");
        for (var star = 1; star <= 4; star++)
        {
            await customer.Keyboard.PressAsync("ArrowRight");
        }

        await TabToAsync(customer, "textarea[data-testid=resolution-rating-comment-field]");
        await customer.Keyboard.TypeAsync("Quick and friendly.");
        await TabToAsync(customer, "[data-testid=resolution-rate]");
        await customer.Keyboard.PressAsync("Enter");
        await Expect(customer.GetByTestId("resolution-rating")).ToContainTextAsync("4");
        await Expect(staff.GetByTestId("resolution-rating-comment")).ToHaveTextAsync("Quick and friendly.");
    }

    [Fact]
    public async Task The_product_owner_ships_an_idea_with_a_note_with_the_keyboard_only()
    {
        var idea = await browser.Portal.ProposeIdeaAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var page = await OpenAsync(await browser.Portal.AddPersonAsync(Roles.ProductOwner, ct: Ct), $"/posts/{idea}");

        // The status list opens with the keyboard, the arrows walk it, Enter picks "Shipped".
        await TabToAsync(page, "[data-testid=status-decision] .mud-select");
        await page.Keyboard.PressAsync("Enter");
        var shipped = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Shipped" });
        await Expect(shipped).ToBeVisibleAsync();
        await ArrowToAsync(page, shipped);
        await page.Keyboard.PressAsync("Enter");

        var release = $"Release {Guid.NewGuid():N}"[..16];
        await TabToAsync(page, "input[data-testid=decision-release], [data-testid=decision-release] input");
        await page.Keyboard.TypeAsync(release);
        await TabToAsync(page, "[data-testid=status-decision] textarea");
        await page.Keyboard.TypeAsync("Thank you for asking, it is out today.");
        await TabToAsync(page, "[data-testid=decision-save]");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("status-chip").First).ToContainTextAsync("Shipped");
        await Expect(page.GetByTestId("shipped-in")).ToContainTextAsync(release);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signs <paramref name="person"/> in (set-up) and opens <paramref name="address"/>, its focus on the page's heading.</summary>
    private async Task<IPage> OpenAsync(TestPerson person, string address)
    {
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(person);
        await page.GotoAsync(address);
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        return page;
    }

    /// <summary>
    /// Presses the down arrow in an open list until <paramref name="item"/> is the one Enter would pick. The circuit moves
    /// the highlight, so after each press this waits for the highlight to move (on a busy machine a round trip takes a
    /// while, and presses sent faster than it answers would be checked against a stale list).
    /// </summary>
    private static async Task ArrowToAsync(IPage page, ILocator item)
    {
        const string Highlighted = """
            () => { const items = [...document.querySelectorAll('.mud-popover-open .mud-list-item')];
                    return items.findIndex(e => e.matches('.mud-list-item-hilight, [aria-selected=true]') || e === document.activeElement); }
            """;
        for (var presses = 0; presses <= 10; presses++)
        {
            if (await item.EvaluateAsync<bool>("e => e.classList.contains('mud-selected-item') || e.matches('.mud-list-item-hilight, [aria-selected=true]') || e === document.activeElement"))
            {
                return;
            }

            var before = await page.EvaluateAsync<int>(Highlighted);
            await page.Keyboard.PressAsync("ArrowDown");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (await page.EvaluateAsync<int>(Highlighted) == before && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, Ct);
            }
        }

        Assert.Fail("The arrow keys did not reach the list item.");
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
