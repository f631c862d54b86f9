using System.Net;
using System.Text.RegularExpressions;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// A first visit arrives compressed: the prerendered page, and every stylesheet and script under the very address
/// the page names (the fingerprinted one), MudBlazor's 613 KiB stylesheet included.
/// </summary>
public sealed partial class CompressionTests(ProductionPortal portal) : IClassFixture<ProductionPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip", "gzip")]
    public async Task Pages_are_compressed_for_a_browser_that_accepts_it(string accepts, string expected)
    {
        using var client = Client();

        foreach (var address in new[] { "/", "/ideas", "/roadmap", "/Account/Login", "/no/such/page" })
        {
            using var response = await GetAsync(client, address, accepts);

            Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
        }
    }

    [Fact]
    public async Task A_client_that_accepts_no_compression_gets_the_page_as_it_is()
    {
        using var client = Client();

        using var response = await GetAsync(client, "/", accepts: null);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br, gzip")]
    [InlineData("gzip")]
    public async Task Every_stylesheet_and_script_the_page_names_is_served_compressed_under_that_name(string accepts)
    {
        using var client = Client();
        var assets = await AssetsOfHomePageAsync(client);
        Assert.Contains(assets, a => MudStylesheetRegex().IsMatch(a));

        foreach (var asset in assets)
        {
            using var plain = await GetAsync(client, asset, accepts: null);
            using var response = await GetAsync(client, asset, accepts);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var encoding = Assert.Single(response.Content.Headers.ContentEncoding);
            Assert.Contains(encoding, accepts.Split(", "));
            var sent = (await response.Content.ReadAsByteArrayAsync(Ct)).Length;
            var size = (await plain.Content.ReadAsByteArrayAsync(Ct)).Length;
            Assert.True(sent < size * 0.8, $"{asset}: {sent} bytes compressed, {size} plain");
        }
    }

    [Fact]
    public async Task MudBlazors_fingerprinted_stylesheet_arrives_in_a_tenth_of_its_size()
    {
        using var client = Client();
        var stylesheet = Assert.Single(await AssetsOfHomePageAsync(client), a => MudStylesheetRegex().IsMatch(a));

        using var response = await GetAsync(client, stylesheet, "gzip");

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        var length = (await response.Content.ReadAsByteArrayAsync(Ct)).Length;
        Assert.True(length < 100 * 1024, $"{stylesheet}: {length} bytes, {response.Content.Headers.ContentLength}");
    }

    private HttpClient Client() => portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string address, string? accepts)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, UriKind.Relative));
        if (accepts is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", accepts);
        }

        return await client.SendAsync(request, Ct);
    }

    /// <summary>The stylesheets and scripts the home page links, as the browser asks for them.</summary>
    private static async Task<List<string>> AssetsOfHomePageAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        return [.. AssetRegex().Matches(html).Select(m => "/" + WebUtility.HtmlDecode(m.Groups[1].Value).TrimStart('/')).Distinct()];
    }

    [GeneratedRegex(@"<(?:link[^>]*rel=""(?:stylesheet|preload|modulepreload)""[^>]*href|script[^>]*src)=""([^""]+\.(?:css|js))""")]
    private static partial Regex AssetRegex();

    [GeneratedRegex(@"^/_content/MudBlazor/MudBlazor\.min\.[a-z0-9]+\.css$")]
    private static partial Regex MudStylesheetRegex();
}
