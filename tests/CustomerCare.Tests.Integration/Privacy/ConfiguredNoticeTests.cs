using System.Net;
using CustomerCare.Data;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Integration.Localization;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Privacy;

/// <summary>
/// A company's own notice: English from a file named by <c>Privacy:Notice:en</c>, German configured to a file that is
/// not there, and a privacy contact.
/// </summary>
public sealed class ConfiguredNoticePortal : PortalFactory
{
    public const string Contact = "Datenschutz, Lindenhof Energie, privacy@lindenhof.test";

    public ConfiguredNoticePortal()
        : base(DatabaseProvider.Sqlite, seedDemo: false)
    {
        File.WriteAllText(EnglishFile, "# Our own words\n\n{{Company}} keeps little. Write to {{Contact}}\n\n### Details\n\nNothing more.");
        With("Privacy:Notice:en", EnglishFile);
        With("Privacy:Notice:de", MissingGermanFile);
        With("Privacy:Contact", Contact);
    }

    public string EnglishFile { get; } = Path.Combine(Path.GetTempPath(), $"customercare-notice-{Guid.NewGuid():N}.md");

    public string MissingGermanFile { get; } = Path.Combine(Path.GetTempPath(), $"customercare-no-such-notice-{Guid.NewGuid():N}.md");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(EnglishFile);
        GC.SuppressFinalize(this);
    }
}

public sealed class ConfiguredNoticeTests(ConfiguredNoticePortal portal) : IClassFixture<ConfiguredNoticePortal>
{
    [Fact]
    public async Task The_configured_file_replaces_the_shipped_notice_with_company_contact_and_headings_below_the_h1()
    {
        using var browser = new PortalBrowser(portal, "en");

        var html = await browser.GetTextAsync("/privacy");

        Assert.Contains("<h2>Our own words</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Details</h3>", html, StringComparison.Ordinal);
        Assert.Contains($"Lindenhof Energie keeps little. Write to {ConfiguredNoticePortal.Contact}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Who is responsible", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SourceTree.Text("Privacy_ContactMissing"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_file_shows_without_a_restart()
    {
        using var browser = new PortalBrowser(portal, "en");
        var before = await File.ReadAllTextAsync(portal.EnglishFile, TestContext.Current.CancellationToken);
        try
        {
            await File.WriteAllTextAsync(portal.EnglishFile, "## Revised\n\nAs of today.", TestContext.Current.CancellationToken);

            var html = await browser.GetTextAsync("/privacy");

            Assert.Contains("<h2>Revised</h2>", html, StringComparison.Ordinal);
        }
        finally
        {
            await File.WriteAllTextAsync(portal.EnglishFile, before, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_missing_configured_file_gives_a_clear_message_not_an_error_page()
    {
        using var browser = new PortalBrowser(portal, "de");

        using var response = await browser.GetAsync("/privacy");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SourceTree.Text("Privacy_Missing", "de"), html, StringComparison.Ordinal);
        Assert.Contains(SourceTree.Text("Privacy_Title", "de"), html, StringComparison.Ordinal);
        Assert.DoesNotContain(SourceTree.Text("Error_Title", "de"), html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(portal.MissingGermanFile, html, StringComparison.Ordinal);
    }
}
