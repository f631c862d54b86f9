using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Localization;

/// <summary>
/// Blazor's "connection lost" panel comes with the page, in the page's language: Blazor finds it by its id, app.js
/// announces its steps and wires its buttons (no inline script under the Content-Security-Policy).
/// </summary>
public sealed class ReconnectOverlayTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("en-US", "en", "Connection lost", "A reply you are writing stays saved in this browser")]
    [InlineData("de-DE,de;q=0.9", "de", "Verbindung unterbrochen", "Eine Antwort, die Sie gerade schreiben, bleibt in diesem Browser gespeichert")]
    public async Task The_page_brings_the_panel_in_its_own_language(string acceptLanguage, string lang, string title, string drafts)
    {
        var page = await PageAsync("/", acceptLanguage);

        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        var overlay = Assert.Single(page.QuerySelectorAll("#components-reconnect-modal"));
        var panel = overlay.QuerySelector("section[aria-labelledby]")!;
        Assert.Equal(title, page.GetElementById(panel.GetAttribute("aria-labelledby")!)?.TextContent.Trim());
        Assert.StartsWith(drafts, overlay.QuerySelector("[data-reconnect-drafts]")?.TextContent.Trim(), StringComparison.Ordinal);
        // The status line is there from the start (empty), so a screen reader hears what app.js writes into it.
        var status = Assert.Single(overlay.QuerySelectorAll("[role=status]"));
        Assert.Empty(status.TextContent.Trim());
        Assert.Equal(SourceTree.Text("Reconnect_Restored", lang == "de" ? "de" : ""), status.GetAttribute("data-restored"));
    }

    [Fact]
    public async Task The_panel_has_a_step_per_state_blazor_reports_and_no_script_of_its_own()
    {
        var overlay = (await PageAsync("/roadmap", "en-US")).GetElementById("components-reconnect-modal")!;

        Assert.Equal(["show", "retrying", "failed", "paused", "resume-failed"],
            overlay.QuerySelectorAll("[data-reconnect-step]").Select(s => s.GetAttribute("data-reconnect-step")));
        // Blazor counts down in this span; the sentence around it is the translation's.
        Assert.Equal("Still no connection. Trying again in  seconds.", overlay.QuerySelector("[data-reconnect-step=retrying]")?.TextContent.Trim());
        Assert.NotNull(overlay.QuerySelector("[data-reconnect-step=retrying] #components-seconds-to-next-attempt"));
        Assert.Equal(["Try again", "Resume", "Reload"], overlay.QuerySelectorAll("button[data-reconnect-action]").Select(b => b.TextContent.Trim()));
        Assert.Empty(overlay.QuerySelectorAll("script"));
        Assert.DoesNotContain(overlay.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    private async Task<IDocument> PageAsync(string path, string acceptLanguage)
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
