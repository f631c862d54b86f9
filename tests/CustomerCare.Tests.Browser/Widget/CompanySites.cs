using System.Net;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CustomerCare.Tests.Browser.Widget;

/// <summary>
/// The company's own website, twice, on real Kestrel at 127.0.0.1 (each on its own port, so each its own origin): the
/// site the portal allows (<c>Live:AllowedOrigins</c>) and one it does not. Both serve a page that carries the widget's
/// one script tag, as the README shows it. And the portal they point to, started after them so it can name the
/// allowed site. Started by the first test that asks, so a failing start fails that test with its reason.
/// </summary>
public sealed class CompanySites : IAsyncDisposable
{
    public const string Company = "Example Energy";
    public const string Color = "#0a4f8c";

    private readonly SemaphoreSlim gate = new(1, 1);
    private WebApplication? allowed;
    private WebApplication? foreign;
    private PortalFactory? portal;

    public PortalFactory Portal => portal ?? throw new InvalidOperationException("Call StartAsync first.");

    public Uri Allowed { get; private set; } = null!;

    public Uri Foreign { get; private set; } = null!;

    public async Task StartAsync()
    {
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (portal is not null)
            {
                return;
            }

            (allowed, Allowed) = await SiteAsync();
            (foreign, Foreign) = await SiteAsync();
            portal = new EmptyPortalFactory()
                .With("RateLimits:SignIn:PerAddress", "1000")
                .With("Portal:Company", Company)
                .With("Widget:Color", Color)
                .With("Live:AllowedOrigins:0", Allowed.GetLeftPart(UriPartial.Authority));
            portal.StartRealServer();
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var site in new[] { allowed, foreign })
        {
            if (site is not null)
            {
                await site.DisposeAsync();
            }
        }

        if (portal is not null)
        {
            await portal.DisposeAsync();
        }

        gate.Dispose();
    }

    private async Task<(WebApplication Site, Uri Root)> SiteAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var site = builder.Build();
        site.MapGet("/", () => Results.Content($"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{Company} — energy and fibre</title></head>
            <body>
              <main><h1>{Company}</h1><p>Electricity, gas and fibre for your home.</p></main>
              <script src="{WebUtility.HtmlEncode(Portal.RootUri!.GetLeftPart(UriPartial.Authority))}/widget.js" async></script>
            </body>
            </html>
            """, "text/html; charset=utf-8"));
        await site.StartAsync(TestContext.Current.CancellationToken);
        return (site, new Uri(site.Urls.Single()));
    }
}
