using System.Net;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>One answer as a visitor got it: <see cref="FromCache"/> when the output cache sent it (it says how old, Age).</summary>
internal sealed record VisitorPage(HttpStatusCode Status, bool FromCache, string Text, IReadOnlyList<string> SetCookies, string? Encoding);

/// <summary>Somebody who is not signed in and keeps no cookies: every request is a first visit.</summary>
internal sealed class VisitorBrowser(PortalFactory portal) : IDisposable
{
    private readonly HttpClient client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<VisitorPage> GetAsync(string path, string? encoding = null, string? language = null, string? theme = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        }

        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        }

        if (theme is not null || cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", new[] { theme is null ? null : $"cc-theme={theme}", cookie }.OfType<string>()));
        }

        using var response = await client.SendAsync(request, Ct);
        var body = encoding is null ? WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)) : "";
        return new(
            response.StatusCode, response.Headers.Age is not null, body,
            response.Headers.TryGetValues("Set-Cookie", out var cookies) ? [.. cookies] : [],
            response.Content.Headers.ContentEncoding.SingleOrDefault());
    }

    /// <summary>The page as the cache keeps it: asked twice, the second answer must come from the cache.</summary>
    public async Task<string> CachedAsync(string path)
    {
        var first = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var second = await GetAsync(path);
        Assert.True(second.FromCache, $"{path} was not served from the cache the second time.");
        return second.Text;
    }

    /// <summary>The page made anew: the cache had nothing for it (it was evicted, or never kept).</summary>
    public async Task<string> FreshAsync(string path)
    {
        var page = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.False(page.FromCache, $"{path} came from the cache: a stale copy.");
        return page.Text;
    }

    public void Dispose() => client.Dispose();
}
