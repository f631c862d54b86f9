using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Mentions;

/// <summary>
/// A customer types "@" and a few letters in a reply, picks a person of the team from the list with the keyboard and
/// sends: the reply links the staff member's profile, and the staff member's bell, open in another browser, says they
/// were mentioned.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class MentionBrowserTests(BrowserFixture browser)
{
    private const string Composer = "[data-testid=composer] textarea:visible";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_mentions_a_staff_member_picked_with_the_keyboard_the_reply_links_them_and_their_bell_rings()
    {
        var word = $"Mira{Guid.NewGuid():N}"[..10];
        var mira = await browser.Portal.AddPersonAsync(Roles.Staff, $"{word} Mention", "Billing", Ct);
        var clara = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var title = TestPeople.UniqueTitle("Two bills for March");
        var ideaId = await browser.Portal.ProposeIdeaAsync(clara, title, ct: Ct);

        var staff = await browser.OpenPageAsync();
        await staff.SignInAsync(mira);
        await staff.GotoAsync("/");
        await staff.WaitForCircuitAsync();
        var bell = staff.Locator(".cc-appbar [data-testid=notification-link]");
        await Expect(bell).ToHaveAttributeAsync("data-unread", "0");

        var customer = await browser.OpenPageAsync();
        await customer.SignInAsync(clara);
        await customer.GotoAsync($"/posts/{ideaId}");
        await customer.WaitForCircuitAsync();
        var field = customer.Locator(Composer);
        await field.ClickAsync();
        await field.PressSequentiallyAsync($"Hello @{word[..7]}");

        var option = customer.GetByRole(AriaRole.Option, new() { Name = $"{mira.DisplayName} · Billing" });
        await Expect(option).ToBeVisibleAsync();
        await Expect(option).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(field).ToHaveAttributeAsync("aria-activedescendant", (await option.GetAttributeAsync("id"))!);
        await field.PressAsync("Enter");
        await Expect(customer.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
        await Expect(field).ToHaveValueAsync($"Hello @[{mira.DisplayName}]({mira.Id}) ");
        await field.PressSequentiallyAsync("can you check?");
        await customer.GetByTestId("composer-submit").ClickAsync();

        var sent = customer.Locator("[data-testid=reply]", new() { HasText = "can you check?" });
        var link = sent.Locator("a.cc-mention");
        await Expect(link).ToHaveTextAsync($"@{mira.DisplayName}");
        await Expect(link).ToHaveAttributeAsync("href", $"/team/{mira.Id}");

        await Expect(bell).ToHaveAttributeAsync("data-unread", "1");
        await bell.ClickAsync();
        var item = staff.Locator("[data-testid=notification]", new() { HasText = title });
        await Expect(item.GetByTestId("notification-link")).ToHaveTextAsync($"{clara.DisplayName} mentioned you in “{title}”");
    }
}
