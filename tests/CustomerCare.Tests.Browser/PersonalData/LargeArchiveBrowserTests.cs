using System.IO.Compression;
using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.PersonalData;

/// <summary>
/// "Download my data" for a customer whose data is above the direct limit: the archive is prepared in the background,
/// its progress and then its link appear on the open page without a reload, the link saves a ZIP with the customer's
/// idea, and the same link in another signed-in person's browser is refused with nothing of the archive shown.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class LargeArchiveBrowserTests(BrowserFixture browser, LargeArchivePortal large) : IClassFixture<LargeArchivePortal>
{
    [Fact]
    public async Task A_large_archive_shows_its_progress_then_its_link_live_saves_the_zip_and_refuses_anyone_else()
    {
        var ct = TestContext.Current.CancellationToken;
        var clara = await large.Portal.AddPersonAsync(Roles.Customer, ct: ct);
        var otto = await large.Portal.AddPersonAsync(Roles.Customer, ct: ct);
        var idea = TestPeople.UniqueTitle("Invoices as PDF");
        await large.Portal.ProposeIdeaAsync(clara, idea, ct: ct);
        await large.Portal.FileComplaintAsync(clara, ct: ct);
        var page = await large.OpenPageAsync(browser);
        await using var context = page.Context;
        await page.SignInAsync(clara);
        await page.GotoAsync("account/data");
        await page.WaitForCircuitAsync();

        // Above the limit: no direct download, the offer to prepare instead.
        await Expect(page.GetByTestId("your-data-large")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("your-data-download")).ToHaveCountAsync(0);
        await page.GetByTestId("your-data-prepare").ClickAsync();

        var progress = page.GetByTestId("your-data-progress");
        await Expect(progress).ToBeVisibleAsync();
        await Expect(progress).ToContainTextAsync(new Regex(@"Preparing your archive: \d+ %"));
        await Expect(page.GetByTestId("your-data-archive")).ToHaveCountAsync(0);

        large.FinishArchives();

        var link = page.GetByTestId("your-data-archive");
        await Expect(link).ToBeVisibleAsync();
        await Expect(progress).ToHaveCountAsync(0);
        var href = await link.GetAttributeAsync("href");
        Assert.Matches("^account/data/archive/[A-Za-z0-9_-]{43}$", href);
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        var saved = Path.Combine(Path.GetTempPath(), $"cc-archive-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(saved);
        try
        {
            await using var zip = await ZipFile.OpenReadAsync(saved, ct);
            var entry = zip.GetEntry("data.json");
            Assert.NotNull(entry);
            using var reader = new StreamReader(await entry.OpenAsync(ct));
            Assert.Contains(idea, await reader.ReadToEndAsync(ct), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(saved);
        }

        // The same link in another signed-in person's browser: back to their own page, told it no longer works.
        var other = await large.OpenPageAsync(browser);
        await using var otherContext = other.Context;
        await other.SignInAsync(otto);
        await other.GotoAsync(href!);
        await Expect(other).ToHaveURLAsync(new Regex(@"/account/data\?link=refused$"));
        await Expect(other.GetByTestId("your-data-link-refused")).ToBeVisibleAsync();
        await Expect(other.GetByTestId("your-data-archive")).ToHaveCountAsync(0);
        await Expect(other.Locator("body")).Not.ToContainTextAsync(idea);
    }
}
