using System.IO.Compression;
using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.PersonalData;

/// <summary>
/// Issue 19's journey: a new customer writes an idea and a private complaint, finds "Your data" in the menu and saves the
/// archive with both inside, then deletes the account: cannot sign in again, and the idea page no longer shows their name.
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
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(person);

        // Writes both as a customer does, in the forms.
        await page.GotoAsync("/ideas/new");
        await page.WaitForCircuitAsync();
        await page.Locator("input[data-testid=propose-title], [data-testid=propose-title] input").First.FillAsync(idea);
        await page.Locator("[data-testid=propose-body-tabs] textarea").First.FillAsync("Please send the invoices by post again.");
        await page.GetByTestId("propose-submit").ClickAsync();
        await page.WaitForURLAsync(PostUrl());
        await Expect(page.Locator("h1")).ToHaveTextAsync(idea);
        var ideaUrl = new Uri(page.Url).AbsolutePath;

        await page.GotoAsync("/complaints/new");
        await page.WaitForCircuitAsync();
        await page.GetByTestId("mood-disappointed").ClickAsync();
        await page.Locator("input[data-testid=complaint-title]").FillAsync(complaint);
        await page.Locator("textarea[data-testid=complaint-body]").FillAsync("Nobody came on Tuesday, and nobody called.");
        await page.GetByTestId("complaint-submit").ClickAsync();
        await page.WaitForURLAsync(PostUrl());
        await Expect(page.Locator("h1")).ToHaveTextAsync(complaint);
        Assert.False(await IsPublicAsync(complaint, ct));

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

        await page.GotoAsync(ideaUrl);
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("author").First).ToContainTextAsync("Former customer");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(person.DisplayName);
    }

    private async Task<bool> IsPublicAsync(string title, CancellationToken ct)
    {
        await using var db = await browser.Portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(ct);
        return await db.Posts.Where(p => p.Title == title).Select(p => p.IsPublic).SingleAsync(ct);
    }

    private static Regex PostUrl() => new(@"/posts/\d+$");
}
