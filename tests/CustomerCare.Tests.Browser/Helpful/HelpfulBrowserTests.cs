using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Helpful;

/// <summary>
/// Customers help each other: one customer marks another's answer helpful, the count rises in the writer's browser
/// without a reload (they see the count, not a toggle), their public profile lists the answer that helped, staff
/// endorse it, and the asker marks it as the answer; the writer's and the staff member's pages show each at once.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class HelpfulBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_marks_an_answer_helpful_staff_endorse_it_and_the_asker_marks_it_as_the_answer_each_seen_live_elsewhere()
    {
        var asker = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var helper = await browser.Portal.AddPersonAsync(Roles.Customer, $"Hugo Helper {Guid.NewGuid():N}"[..20], ct: Ct);
        var title = TestPeople.UniqueTitle("Router keeps dropping");
        var ideaId = await browser.Portal.ProposeIdeaAsync(asker, title, ct: Ct);
        var answer = await browser.Portal.Services.GetRequiredService<ThreadService>()
            .ReplyAsync(ideaId, null, "Switching the router to channel 11 fixed it for me.", false, helper.Viewer, Ct);
        Assert.True(answer.Succeeded);
        var replyId = answer.Reply!.Id;

        var writer = await browser.OpenPageAsync();
        await writer.SignInAsync(helper);
        await writer.GotoAsync($"/posts/{ideaId}");
        await writer.WaitForCircuitAsync();
        var theirs = writer.Locator($"#reply-{replyId}");
        await Expect(theirs.GetByTestId("helpful-shown")).ToHaveCountAsync(0);
        await Expect(theirs.GetByTestId("helpful")).ToHaveCountAsync(0);

        var customer = await browser.OpenPageAsync();
        await customer.SignInAsync(asker);
        await customer.GotoAsync($"/posts/{ideaId}");
        await customer.WaitForCircuitAsync();
        var reply = customer.Locator($"#reply-{replyId}");
        var toggle = reply.GetByRole(AriaRole.Button, new() { Name = $"Helpful: the reply of {helper.DisplayName}" });
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await toggle.ClickAsync();
        await Expect(reply.GetByTestId("helpful")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(reply.GetByTestId("helpful-count")).ToHaveTextAsync("· 1");

        // The writer's open page hears it, without a reload.
        await Expect(theirs.GetByTestId("helpful-shown")).ToHaveTextAsync("1 found this helpful");

        var visitor = await browser.OpenPageAsync();
        await visitor.GotoAsync($"/people/{Uri.EscapeDataString(helper.Id)}");
        await visitor.WaitForCircuitAsync();
        await Expect(visitor.GetByTestId("people-helped")).ToHaveTextAsync("Helped 1 customer with their answers");
        await Expect(visitor.GetByTestId("people-helpful").GetByRole(AriaRole.Link)).ToHaveTextAsync($"On “{title}”");

        // Staff endorse the answer: the writer's open page shows who, without a reload.
        var anna = await browser.Portal.AddPersonAsync(Roles.Staff, $"Anna Endorse {Guid.NewGuid():N}"[..20], "Customer Care", Ct);
        var staff = await browser.OpenPageAsync();
        await staff.SignInAsync(anna);
        await staff.GotoAsync($"/posts/{ideaId}");
        await staff.WaitForCircuitAsync();
        await staff.Locator($"#reply-{replyId}").GetByRole(AriaRole.Button, new() { Name = $"Endorse the answer of {helper.DisplayName}" }).ClickAsync();
        await Expect(theirs.GetByTestId("endorsed")).ToHaveTextAsync($"Endorsed by {anna.DisplayName}, Customer Care");
        await Expect(staff.Locator($"#reply-{replyId}").GetByTestId("endorse")).ToHaveAttributeAsync("aria-pressed", "true");

        // The asker marks it as the answer: it stands first on every open page, and the top of their page links to it.
        await reply.GetByRole(AriaRole.Button, new() { Name = $"Mark as the answer: the reply of {helper.DisplayName}" }).ClickAsync();
        await Expect(writer.GetByTestId("the-answer")).ToContainTextAsync("channel 11");
        await Expect(writer.GetByTestId("the-answer-by")).ToHaveTextAsync("Accepted by the author");
        await Expect(theirs.GetByTestId("answer-badge")).ToHaveTextAsync("The answer");
        await Expect(staff.Locator($"#reply-{replyId}").GetByTestId("answer-badge")).ToBeVisibleAsync();
        await customer.GetByTestId("answered-link").ClickAsync();
        await Expect(customer).ToHaveURLAsync(new Regex($"/posts/{ideaId}#the-answer$"));
        await Expect(customer.GetByTestId("the-answer")).ToBeInViewportAsync();

        // Taken back: the count goes in both browsers.
        await reply.GetByTestId("helpful").ClickAsync();
        await Expect(reply.GetByTestId("helpful")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(theirs.GetByTestId("helpful-shown")).ToHaveCountAsync(0);
    }
}
