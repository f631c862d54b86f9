using System.Net;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CustomerCare.Tests.Integration.Localization;

/// <summary>The portal speaks the browser's language (English or German) and the language switch is safe.</summary>
public sealed class CultureTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string CultureCookie = ".AspNetCore.Culture";

    [Fact]
    public async Task German_browser_gets_the_German_navigation_and_html_lang_de()
    {
        var html = await HomePageAsync("de-DE,de;q=0.9");

        Assert.Contains("<html lang=\"de\"", html, StringComparison.Ordinal);
        Assert.Contains(SourceTree.Text("Nav_Ideas", "de"), WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains(SourceTree.Text("Nav_Complaints", "de"), WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task French_browser_falls_back_to_English()
    {
        var german = SourceTree.Text("Nav_Complaints", "de");
        var english = SourceTree.Text("Nav_Complaints");
        Assert.NotEqual(german, english);

        var html = WebUtility.HtmlDecode(await HomePageAsync("fr-FR,fr;q=0.9"));

        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains(english, html, StringComparison.Ordinal);
        Assert.DoesNotContain(german, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Culture_switch_sets_the_culture_cookie_and_returns_to_the_page()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var response = await client.GetAsync(new Uri("/culture/set?culture=de&redirectUri=/roadmap", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/roadmap", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CultureCookie + "=", StringComparison.Ordinal));
        Assert.StartsWith($"{CultureCookie}={Uri.EscapeDataString("c=de|uic=de")};", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Culture_cookie_makes_the_next_page_German_whatever_the_browser_asks()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        using var switched = await client.GetAsync(new Uri("/culture/set?culture=de&redirectUri=/", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), ct);

        Assert.Contains("<html lang=\"de\"", html, StringComparison.Ordinal);
        Assert.Contains(SourceTree.Text("Nav_Complaints", "de"), WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("")]
    public async Task Culture_switch_never_redirects_away_from_the_portal(string redirectUri)
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var response = await client.GetAsync(
            new Uri($"/culture/set?culture=de&redirectUri={Uri.EscapeDataString(redirectUri)}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Unsupported_culture_sets_no_cookie()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var response = await client.GetAsync(new Uri("/culture/set?culture=fr&redirectUri=/roadmap", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/roadmap", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(CultureCookie, StringComparison.Ordinal)));
    }

    private async Task<string> HomePageAsync(string acceptLanguage)
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
