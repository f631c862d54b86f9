using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

/// <summary>
/// A complaint from filing to "solved", with the customer and the team each in their own browser and neither
/// reloading: the desk, the owner's face, the reply, the confirmation and the rating all travel live.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ComplaintJourneyBrowserTests(BrowserFixture browser)
{
    private const string Composer = "[data-testid=composer] textarea:visible";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_angry_complaint_goes_to_the_top_of_the_desk_is_taken_over_answered_and_confirmed_solved_by_the_customer()
    {
        // The desk puts the longest wait first: an older complaint, already answered, must give way to the new one.
        var older = await AnAnsweredComplaintAsync();
        var teamLead = await browser.Portal.AddPersonAsync(Roles.Admin, "Sabine Lead", "Team lead", Ct);
        var clara = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var lead = await browser.OpenPageAsync();
        await lead.SignInAsync(teamLead);
        await lead.GotoAsync("/staff");
        await lead.WaitForCircuitAsync();
        await Expect(lead.GetByTestId("unanswered-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\s*0 "));
        await Expect(lead.Locator($"[data-testid=desk-row][data-post-id='{older}']")).ToHaveCountAsync(1);
        var navigations = 0;
        lead.FrameNavigated += (_, _) => navigations++;

        var customer = await browser.OpenPageAsync();
        await customer.SignInAsync(clara);
        await customer.GotoAsync("/complaints/new");
        await customer.WaitForCircuitAsync();
        var title = $"Charged twice for October {Guid.NewGuid().ToString("N")[..6]}";
        await customer.GetByTestId("mood-angry").ClickAsync();
        await customer.Locator("input[data-testid=complaint-title]").FillAsync(title);
        await customer.Locator("textarea[data-testid=complaint-body]").FillAsync("My bank statement shows the October payment twice.");
        await customer.GetByTestId("complaint-submit").ClickAsync();
        await customer.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/posts/\\d+$"));
        var complaintId = int.Parse(customer.Url[(customer.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await Expect(customer.GetByTestId("complaint-promise")).ToBeVisibleAsync();

        // The team lead's desk, open all along, has it on top with its clock running.
        var top = lead.GetByTestId("desk-row").First;
        await Expect(top).ToHaveAttributeAsync("data-post-id", complaintId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(top).ToContainTextAsync(title);
        await Expect(lead.Locator("tr", new() { Has = top }).GetByTestId("desk-clock")).ToBeVisibleAsync();
        await Expect(lead.GetByTestId("unanswered-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\s*1 "));

        // The team lead takes it over and answers from the complaint page.
        var staff = await browser.OpenPageAsync();
        await staff.SignInAsync(teamLead);
        await staff.GotoAsync($"/posts/{complaintId}");
        await staff.WaitForCircuitAsync();
        await staff.GetByTestId("ownership-claim").ClickAsync();
        await Expect(staff.GetByTestId("complaint-owner")).ToContainTextAsync(teamLead.DisplayName);
        await Expect(customer.GetByTestId("complaint-owner")).ToContainTextAsync(teamLead.DisplayName);
        await Expect(customer.GetByTestId("complaint-owner").Locator(".mud-avatar")).ToBeVisibleAsync();

        // The answer is the owner's proposed resolution; the customer waits no more, so the desk's count drops.
        var answer = $"You are right, we refunded the second payment ({Guid.NewGuid():N}).";
        await staff.Locator(Composer).FillAsync(answer);
        await staff.GetByTestId("composer-propose").ClickAsync();
        await staff.GetByTestId("composer-submit").ClickAsync();
        await Expect(customer.Locator("[data-testid=reply]", new() { HasText = answer })).ToBeVisibleAsync();
        await Expect(lead.GetByTestId("unanswered-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\s*0 "));

        // Only the customer says it is solved, and rates it once.
        await Expect(customer.GetByTestId("resolution-pending")).ToContainTextAsync(teamLead.DisplayName);
        await customer.GetByTestId("resolution-yes").ClickAsync();
        await Expect(customer.GetByTestId("resolution-outcome")).ToBeVisibleAsync();
        await Expect(lead.Locator($"[data-testid=desk-row][data-post-id='{complaintId}']")).ToHaveCountAsync(0);
        await Expect(staff.GetByTestId("resolution-staff-outcome")).ToBeVisibleAsync();

        await customer.GetByTestId("resolution-stars").Locator(".mud-rating-item").Nth(3).ClickAsync();
        await customer.Locator("textarea[data-testid=resolution-rating-comment-field]").FillAsync("Quick and friendly, thank you.");
        await customer.GetByTestId("resolution-rate").ClickAsync();
        await Expect(customer.GetByTestId("resolution-rating")).ToContainTextAsync("4");
        await Expect(customer.GetByTestId("resolution-rating-form")).ToHaveCountAsync(0);
        await Expect(staff.GetByTestId("resolution-rating-comment")).ToHaveTextAsync("Quick and friendly, thank you.");

        Assert.Equal(0, navigations);
    }

    // Someone else's complaint that staff have answered, through the same services the pages use: still open, no longer waiting.
    private async Task<int> AnAnsweredComplaintAsync()
    {
        var complaint = await browser.Portal.FileComplaintAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var staff = await browser.Portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var reply = await browser.Portal.Services.GetRequiredService<ThreadService>()
            .ReplyAsync(complaint, null, "We are on it and will write again today.", internalNote: false, staff.Viewer, Ct);
        Assert.True(reply.Succeeded, $"complaint {complaint}: {reply.Outcome}");
        return complaint;
    }
}
