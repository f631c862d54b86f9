using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>Behind nginx ending TLS, the portal must know the browser spoke HTTPS (HSTS, secure cookies).</summary>
public sealed class ForwardedHeadersTests : IAsyncDisposable
{
    private readonly EmptyPortalFactory portal = new();

    public ValueTask DisposeAsync() => portal.DisposeAsync();

    [Fact]
    public async Task A_loopback_proxy_saying_https_makes_the_portal_answer_as_https()
    {
        var root = portal.StartRealServer();
        using var client = new HttpClient { BaseAddress = root };

        var viaTls = await GetHomeAsync(client, forwardedProto: "https");
        var plain = await GetHomeAsync(client, forwardedProto: null);

        // HSTS is only ever sent on HTTPS: it is the proof the forwarded scheme was believed.
        Assert.True(viaTls.Headers.Contains("Strict-Transport-Security"));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private static async Task<HttpResponseMessage> GetHomeAsync(HttpClient client, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        request.Headers.Host = "feedback.example.com";
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
