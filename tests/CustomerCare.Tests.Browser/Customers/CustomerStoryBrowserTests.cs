using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Customers;

/// <summary>Staff open a customer's story from the desk, read their complaint and mood there, and note what to remember.</summary>
[Collection(BrowserTests.Name)]
public sealed class CustomerStoryBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_open_a_customers_story_from_the_desk_and_add_a_note()
    {
        var name = $"Greta Story {Guid.NewGuid():N}"[..20];
        var greta = await browser.Portal.AddPersonAsync(Roles.Customer, name, ct: Ct);
        var title = TestPeople.UniqueTitle("Bill too high");
        var complaint = await browser.Portal.FileComplaintAsync(greta, title, ComplaintMood.Angry, ct: Ct);
        var anna = await browser.Portal.AddPersonAsync(Roles.Staff, ct: Ct);
        // Answered at once: the desk's "unanswered" count, which another test of this portal reads, stays as it was.
        Assert.True((await browser.Portal.Services.GetRequiredService<ThreadService>()
            .ReplyAsync(complaint, null, "We look into it today.", internalNote: false, anna.Viewer, Ct)).Succeeded);
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(anna);
        await page.GotoAsync("/staff");
        await page.WaitForCircuitAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = $"{name}'s story" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = $"{name}'s story" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("story-complaints")).ToContainTextAsync(title);
        await Expect(page.GetByTestId("story-mood")).ToContainTextAsync("Angry");
        await page.WaitForCircuitAsync();
        var note = $"Prefers a call after 5 pm ({Guid.NewGuid():N}).";
        await page.GetByLabel("A note about this customer").FillAsync(note);
        await page.GetByTestId("story-note-add").ClickAsync();
        await Expect(page.GetByTestId("story-note").First).ToContainTextAsync(note);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("story-note").First).ToContainTextAsync(note);
    }
}
