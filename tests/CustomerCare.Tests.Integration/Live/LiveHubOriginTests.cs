using System.Net;
using CustomerCare.Tests.Integration.Hosting;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>
/// A page on another site cannot open the hub with a visitor's browser (and cookies): the hub answers only the portal's
/// own origins — its host, Portal:PublicUrl, Live:AllowedOrigins — and clients that are no browser and send no Origin.
/// Blazor's circuits answer the portal's own pages only: a widget's origin may use the live hub, not open a circuit.
/// </summary>
public sealed class LiveHubOriginTests(LiveHubOriginTests.Portal portal) : IClassFixture<LiveHubOriginTests.Portal>
{

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://feedback.example.com.evil.example")]
    [InlineData("http://feedback.example.com")]
    [InlineData("https://widget.example.org:8443")]
    [InlineData("null")]
    [InlineData("not an origin")]
    public async Task A_foreign_origin_is_refused(string origin)
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.ConnectAsync(portal, origin: origin));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("https://feedback.example.com")]
    [InlineData("https://FEEDBACK.example.com:443")]
    [InlineData("https://widget.example.org")]
    [InlineData("http://localhost:4200")]
    public async Task The_portals_own_origins_are_let_in(string origin)
    {
        await using var hub = await HubClient.ConnectAsync(portal, origin: origin);

        await hub.InvokeAsync(nameof(LiveHub.JoinBoard), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_client_that_is_no_browser_and_sends_no_origin_is_let_in()
    {
        await using var hub = await HubClient.ConnectAsync(portal, origin: null);

        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task A_foreign_page_cannot_open_the_WebSocket_directly_and_the_portals_own_can()
    {
        await using var kestrel = new Portal();
        var root = kestrel.StartRealServer();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectWebSocketAsync(root, "https://evil.example"));
        Assert.Contains("403", refused.ToString(), StringComparison.Ordinal);
        await using var own = await HubClient.ConnectWebSocketAsync(root, root.GetLeftPart(UriPartial.Authority));
        await own.InvokeAsync(nameof(LiveHub.JoinBoard), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("https://widget.example.org", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("https://feedback.example.com", HttpStatusCode.OK)]
    [InlineData("http://localhost", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task A_Blazor_circuit_is_opened_from_the_portals_own_pages_only(string? origin, HttpStatusCode expected)
    {
        using var client = portal.CreateClient();
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            negotiate.Headers.Add("Origin", origin);
        }

        using var answer = await client.SendAsync(negotiate, TestContext.Current.CancellationToken);

        Assert.Equal(expected, answer.StatusCode);
    }

    [Theory]
    [InlineData("https://widget.example.org/embed")]
    [InlineData("widget.example.org")]
    [InlineData("ftp://widget.example.org")]
    public async Task An_allowed_origin_that_is_no_origin_stops_start_up_naming_the_setting(string entry)
    {
        await using var misconfigured = new ProductionPortal();
        misconfigured.With("Live:AllowedOrigins:0", entry);

        var stopped = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        Assert.Contains("Live:AllowedOrigins", stopped.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A portal at https://feedback.example.com with a widget on widget.example.org and a developer's on localhost:4200.</summary>
    public sealed class Portal : ProductionPortal
    {
        public Portal()
        {
            With("Portal:PublicUrl", "https://feedback.example.com");
            With("Live:AllowedOrigins:0", "https://widget.example.org");
            With("Live:AllowedOrigins:1", "http://localhost:4200");
        }
    }
}
