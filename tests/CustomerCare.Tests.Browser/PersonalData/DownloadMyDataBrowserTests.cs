using System.IO.Compression;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.PersonalData;

/// <summary>A customer with an idea and a private complaint finds "Your data" in the menu and saves the archive with both inside.</summary>
[Collection(BrowserTests.Name)]
public sealed class DownloadMyDataBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_customer_downloads_a_zip_that_holds_their_idea_and_their_private_complaint()
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
    }
}
