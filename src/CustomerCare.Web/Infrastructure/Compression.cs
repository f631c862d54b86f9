using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Pages and other generated answers (HTML, JSON, text) compressed with Brotli or gzip, whichever the browser prefers.
/// Static files do not need it: MapStaticAssets serves them from the files the build compressed (gzip; Brotli too after
/// publish), and an answer that already names its encoding is left alone.
/// </summary>
public static class Compression
{
    public static void AddPageCompression(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddResponseCompression(o =>
        {
            // ASP.NET Core leaves HTTPS answers uncompressed unless told, because of BREACH: an attacker who can make a
            // victim's browser send many requests, each reflecting a guess into a page that also holds a secret, can
            // read the secret off the compressed sizes. Here that attack has nothing to aim at: the secrets in a page
            // (antiforgery tokens, Blazor's circuit descriptors) are freshly encrypted by Data Protection for every
            // answer, so no two pages share them; and the sign-in cookie is SameSite=Lax, so the requests another site
            // can fire at the portal carry no cookie and get only what any visitor sees. (docs/architecture.md)
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });

        // Pages are made per request: the fastest levels already shrink HTML by ~85 %, for little processor time.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
    }

    public static void UsePageCompression(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseResponseCompression();
    }
}
