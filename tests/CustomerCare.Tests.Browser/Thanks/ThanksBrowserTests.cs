using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Thanks;

/// <summary>
/// A customer thanks a staff member's answer with a note they let show; the staff member's bell rises live in their own
/// browser and names who thanked them for what; the team page counts it and the public profile shows the note.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ThanksBrowserTests(BrowserFixture browser)
{
    private const string Bell = ".cc-appbar [data-testid=notification-link]";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_thanks_an_answer_and_the_staff_members_bell_shows_it_live_and_the_profile_the_note()
    {
        var clara = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await browser.Portal.AddPersonAsync(Roles.Staff, $"Anna Thanked {Guid.NewGuid():N}"[..20], "Customer Care", Ct);
        var title = TestPeople.UniqueTitle("Meter photo upload");
        var ideaId = await browser.Portal.ProposeIdeaAsync(clara, title, ct: Ct);
        var answer = await browser.Portal.Services.GetRequiredService<ThreadService>()
            .ReplyAsync(ideaId, null, "You can send the photo from the app's meter page.", false, anna.Viewer, Ct);
        Assert.True(answer.Succeeded);

        var staff = await browser.OpenPageAsync();
        await staff.SignInAsync(anna);
        await staff.GotoAsync("/");
        await staff.WaitForCircuitAsync();
        await Expect(staff.Locator(Bell)).ToHaveAttributeAsync("data-unread", "0");

        var customer = await browser.OpenPageAsync();
        await customer.SignInAsync(clara);
        await customer.GotoAsync($"/posts/{ideaId}");
        await customer.WaitForCircuitAsync();
        var reply = customer.Locator($"#reply-{answer.Reply!.Id}");
        await reply.GetByRole(AriaRole.Button, new() { Name = $"Say thank you to {anna.DisplayName}" }).ClickAsync();
        var note = $"It worked at once, thank you ({Guid.NewGuid():N})!";
        await reply.GetByLabel($"A note for {anna.DisplayName} (optional)").FillAsync(note);
        await reply.GetByLabel($"Show my note on {anna.DisplayName}'s profile").CheckAsync();
        await reply.GetByTestId("thanks-send").ClickAsync();
        await Expect(reply.GetByTestId("thanks-done")).ToHaveTextAsync($"You thanked {anna.DisplayName}");

        await Expect(staff.Locator(Bell)).ToHaveAttributeAsync("data-unread", "1");
        await staff.Locator(Bell).ClickAsync();
        await Expect(staff.Locator("[data-testid=notification]", new() { HasText = title }).GetByTestId("notification-link"))
            .ToHaveTextAsync($"{clara.DisplayName} thanked you for your answer on “{title}”");

        var visitor = await browser.OpenPageAsync();
        await visitor.GotoAsync("/team");
        await visitor.WaitForCircuitAsync();
        var card = visitor.GetByTestId("team-member").Filter(new() { HasText = anna.DisplayName });
        await Expect(card.GetByTestId("thanked-count")).ToHaveTextAsync("Thanked once");
        await card.GetByRole(AriaRole.Link, new() { Name = anna.DisplayName }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1, Name = anna.DisplayName })).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("profile-note")).ToContainTextAsync(note);
    }
}
