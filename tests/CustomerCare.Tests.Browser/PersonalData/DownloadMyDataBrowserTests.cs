using System.IO.Compression;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.PersonalData;

/// <summary>
/// A customer with an idea and a private complaint finds "Your data" in the menu and saves the archive with both inside,
/// then deletes the account: cannot sign in again, and the idea page no longer shows their name.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class DownloadMyDataBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_customer_downloads_a_zip_with_their_idea_and_private_complaint_then_deletes_the_account_and_is_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await browser.Portal.AddPersonAsync(Roles.Customer, ct: ct);
        var idea = TestPeople.UniqueTitle("Paper invoices by post");
        var complaint = TestPeople.UniqueTitle("Technician never came");
        await browser.Portal.ProposeIdeaAsync(person, idea, ct: ct);
        await browser.Portal.FileComplaintAsync(person, complaint, ct: ct);
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(person);
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();

        // The menu is open beside the page on a wide screen and behind its button on a narrow one.
        var link = page.GetByTestId("nav-your-data");
        if (!await link.IsVisibleAsync())
        {
            await page.GetByTestId("nav-toggle").ClickAsync();
        }

        await link.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your data");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("your-data-download").ClickAsync());

        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        var saved = Path.Combine(Path.GetTempPath(), $"cc-data-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(saved);
        try
        {
            await using var zip = await ZipFile.OpenReadAsync(saved, ct);
            using var reader = new StreamReader(await zip.GetEntry("data.json")!.OpenAsync(ct));
            var json = await reader.ReadToEndAsync(ct);
            Assert.Contains(idea, json, StringComparison.Ordinal);
            Assert.Contains(complaint, json, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(saved);
        }

        // Then deletes the account: told about the open complaint first, confirms it and the password, and is signed out.
        var ideaId = await IdeaIdAsync(idea, ct);
        await page.GetByTestId("your-data-delete").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Delete my account");
        await Expect(page.GetByTestId("delete-account-open")).ToContainTextAsync(complaint);
        await page.GetByTestId("delete-account-confirm-open").CheckAsync();
        await page.Locator("input[name='Input.Password']").FillAsync(person.Password);
        await page.GetByTestId("delete-account-submit").ClickAsync();
        await Expect(page.GetByTestId("account-deleted")).ToBeVisibleAsync();

        await page.GotoAsync("Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(person.Email);
        await page.Locator("input[name='Input.Password']").FillAsync(person.Password);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();

        await page.GotoAsync($"posts/{ideaId}");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("author").First).ToContainTextAsync("Former customer");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(person.DisplayName);
    }

    private async Task<int> IdeaIdAsync(string title, CancellationToken ct)
    {
        await using var db = await browser.Portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(ct);
        return await db.Posts.Where(p => p.Title == title).Select(p => p.Id).SingleAsync(ct);
    }
}
