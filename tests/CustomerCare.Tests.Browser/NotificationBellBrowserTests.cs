using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

/// <summary>A customer follows an idea; staff answer in another browser; the customer's bell rings without a reload.</summary>
[Collection(BrowserTests.Name)]
public sealed class NotificationBellBrowserTests(BrowserFixture browser)
{
    private const string Composer = "[data-testid=composer] textarea:visible";

    private const string Bell = ".cc-appbar [data-testid=notification-link]";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_customers_bell_rises_live_when_staff_reply_to_a_followed_idea_and_opens_the_exact_reply()
    {
        // A customer of this test's own starts from a quiet bell; the idea is someone else's, so only the follow made
        // here can bring her the reply.
        var clara = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await browser.Portal.AddPersonAsync(Roles.Staff, "Anna Bell", "Customer Care", Ct);
        var title = TestPeople.UniqueTitle("Bill by e-mail only");
        var ideaId = await browser.Portal.ProposeIdeaAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), title, ct: Ct);
        var customer = await browser.OpenPageAsync();
        await customer.SignInAsync(clara);
        await customer.GotoAsync($"/posts/{ideaId}");
        await customer.WaitForCircuitAsync();
        await customer.GetByTestId("follow-toggle").ClickAsync();
        await Expect(customer.GetByTestId("follow-toggle")).ToHaveTextAsync("Unfollow");
        await customer.GotoAsync("/");
        await customer.WaitForCircuitAsync();
        await Expect(customer.Locator(Bell)).ToHaveAttributeAsync("data-unread", "0");
        var navigations = 0;
        customer.FrameNavigated += (_, _) => navigations++;

        var staff = await browser.OpenPageAsync();
        await staff.SignInAsync(anna);
        await staff.GotoAsync($"/posts/{ideaId}");
        await staff.WaitForCircuitAsync();
        var text = $"We have put it on the list ({Guid.NewGuid():N}).";
        await staff.Locator(Composer).FillAsync(text);
        await staff.GetByTestId("composer-submit").ClickAsync();
        var sent = staff.Locator("[data-testid=reply]", new() { HasText = text });
        await Expect(sent).ToBeVisibleAsync();
        var replyId = await sent.GetAttributeAsync("data-reply-id");

        await Expect(customer.Locator(Bell)).ToHaveAttributeAsync("data-unread", "1");
        await Expect(customer.Locator(".cc-appbar [data-testid=notification-bell] .cc-badge")).ToHaveTextAsync("1");
        Assert.Equal(0, navigations);

        await customer.Locator(Bell).ClickAsync();
        var item = customer.Locator("[data-testid=notification]", new() { HasText = title });
        await Expect(item).ToHaveAttributeAsync("data-read", "false");
        await Expect(item.GetByTestId("notification-link")).ToHaveTextAsync($"{anna.DisplayName} replied to “{title}”");
        await item.GetByTestId("notification-link").ClickAsync();

        await customer.WaitForURLAsync($"**/posts/{ideaId}#reply-{replyId}");
        await customer.WaitForCircuitAsync();
        await Expect(customer.Locator($"#reply-{replyId}")).ToBeInViewportAsync();
        await Expect(customer.Locator($"#reply-{replyId}")).ToContainTextAsync(text);
        await Expect(customer.Locator(Bell)).ToHaveAttributeAsync("data-unread", "0");
        await Expect(customer.Locator(".cc-appbar [data-testid=notification-bell] .cc-badge")).ToHaveCountAsync(0);
    }
}
