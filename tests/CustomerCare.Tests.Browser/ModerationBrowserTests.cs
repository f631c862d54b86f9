using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

/// <summary>A customer reports a reply; the staff member's open queue shows it at once, hides it, and the thread follows.</summary>
[Collection(BrowserTests.Name)]
public sealed class ModerationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_reported_reply_appears_in_the_open_queue_and_hiding_it_leaves_the_reason_on_the_customers_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var portal = browser.Portal;
        var ideaId = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: ct), ct: ct);
        var writer = await portal.AddPersonAsync(Roles.Customer, "Bert Spammer", ct: ct);
        var clara = await portal.AddPersonAsync(Roles.Customer, ct: ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, "Anna Queue", "Customer Care", ct);
        var spam = $"Cheap meters, call 0171 2345678 ({Guid.NewGuid():N})";
        var reply = await portal.Services.GetRequiredService<ThreadService>().ReplyAsync(ideaId, null, spam, internalNote: false, writer.Viewer, ct);
        Assert.True(reply.Succeeded);

        var queue = await browser.OpenPageAsync();
        await queue.SignInAsync(anna);
        await queue.GotoAsync("/moderation");
        await queue.WaitForCircuitAsync();
        await Expect(queue.GetByTestId("queue-reported-heading")).ToBeVisibleAsync();
        var customer = await browser.OpenPageAsync();
        await customer.SignInAsync(clara);
        await customer.GotoAsync($"/posts/{ideaId}");
        await customer.WaitForCircuitAsync();
        var reported = customer.Locator($"#reply-{reply.Reply!.Id}");

        await reported.GetByTestId("reply-report").ClickAsync();
        await customer.GetByTestId("report-form").GetByText("Abusive or hateful").ClickAsync();
        await customer.Locator("textarea[data-testid=report-note]").FillAsync("Phone number spam.");
        await customer.GetByTestId("report-submit").ClickAsync();
        await Expect(customer.GetByText("Thank you for telling us. Our team will look at it.")).ToBeVisibleAsync();

        var item = queue.GetByTestId("queue-report").Filter(new() { HasText = spam });
        await Expect(item).ToBeVisibleAsync();
        await Expect(item).ToContainTextAsync("Abusive or hateful × 1");
        await Expect(item).ToContainTextAsync("Phone number spam.");
        await item.GetByTestId("queue-hide").ClickAsync();
        await queue.Locator("textarea[data-testid=reason-text]").FillAsync("Advertising with a phone number.");
        await queue.GetByTestId("reason-confirm").ClickAsync();
        await Expect(item).ToHaveCountAsync(0);

        await Expect(reported.GetByTestId("reply-hidden")).ToHaveTextAsync("Hidden by our team: Advertising with a phone number.");
        Assert.DoesNotContain(spam, await customer.ContentAsync(), StringComparison.Ordinal);
        await customer.ReloadAsync();
        await customer.WaitForCircuitAsync();
        await Expect(customer.Locator($"#reply-{reply.Reply.Id}").GetByTestId("reply-hidden")).ToBeVisibleAsync();
        Assert.DoesNotContain(spam, await customer.ContentAsync(), StringComparison.Ordinal);
    }
}
