using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure;

/// <summary>Settings of the headers every answer carries (section <c>Security</c>).</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Who may show the portal in a frame: a CSP source list for <c>frame-ancestors</c>. <c>'self'</c> (the default, what
    /// Blazor and antiforgery sent before) lets only the portal frame itself; <c>'none'</c> forbids every frame;
    /// <c>'self' https://intranet.example.com</c> adds a site.
    /// </summary>
    public string FrameAncestors { get; set; } = "'self'";

    /// <summary>How long a browser that once reached the portal over HTTPS refuses plain HTTP (HSTS; HTTPS answers only).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Origins a form may lead to besides the portal (<c>form-action</c>): the OpenID Connect providers, which the
    /// sign-in and sign-out forms reach through the portal's redirect. Filled by the sign-in wiring, not by settings.
    /// </summary>
    public IList<string> FormTargets { get; } = [];
}

/// <summary>
/// The headers of every answer — pages, endpoints, static files, the hub, errors and 404s: a Content-Security-Policy
/// that runs only the portal's own scripts (the one inline script, Blazor's import map, carries a per-request nonce),
/// <c>nosniff</c>, a referrer policy, a permissions policy that switches off device features, framing as configured,
/// and HSTS on HTTPS. They are written when the answer starts, so an error page or a 404 rendered later gets them too.
/// </summary>
public static partial class SecurityHeaders
{
    private const string NonceKey = "cc:csp-nonce";

    // Features a feedback portal never uses; a page (or a script smuggled into one) cannot ask for them.
    private const string PermissionsPolicy =
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), "
        + "microphone=(), midi=(), payment=(), screen-wake-lock=(), serial=(), usb=()";

    public static void AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SecurityHeadersOptions>().BindConfiguration(SecurityHeadersOptions.Section)
            .Validate(o => SourceListRegex().IsMatch(o.FrameAncestors.Trim()), "Security:FrameAncestors must be a CSP source list such as 'self', 'none' or 'self' https://intranet.example.com.")
            .Validate(o => o.HstsMaxAge >= TimeSpan.Zero, "Security:HstsMaxAge must not be negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<SecurityHeadersOptions>>((hsts, security) => hsts.MaxAge = security.Value.HstsMaxAge);

        // Antiforgery writes X-Frame-Options: SAMEORIGIN on pages with forms only; these headers write the one that
        // matches Security:FrameAncestors on every answer instead.
        builder.Services.Configure<AntiforgeryOptions>(o => o.SuppressXFrameOptionsHeader = true);
    }

    public static void UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<SecurityHeadersOptions>>().Value;
        var frameAncestors = options.FrameAncestors.Trim();
        var formTargets = string.Concat(options.FormTargets.Distinct(StringComparer.Ordinal).Select(t => " " + t));
        var frameOptions = frameAncestors switch
        {
            "'self'" => "SAMEORIGIN",
            "'none'" => "DENY",
            _ => null, // a list of sites cannot be said in X-Frame-Options; browsers follow frame-ancestors anyway
        };

        app.Use((context, next) =>
        {
            var nonce = NewNonce();
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = Policy(context.Request, nonce, frameAncestors, formTargets);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (frameOptions is not null)
                {
                    headers.XFrameOptions = frameOptions;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>The nonce this request's policy allows; the page puts it on its inline scripts (the import map).</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[NonceKey] as string ?? "";
    }

    /// <summary>
    /// Scripts: the portal's own files and the nonce, never inline code or eval. Styles: MudBlazor and Blazor write
    /// style attributes and style elements at run time (positions of popovers, the theme), which a
    /// nonce cannot cover, hence 'unsafe-inline' for styles only. Connections: the circuit's and the hub's WebSockets
    /// on this host ('self' covers them in current browsers; the explicit ws(s) source helps older Safari).
    /// </summary>
    internal static string Policy(HttpRequest request, string nonce, string frameAncestors, string formTargets = "")
    {
        if (request.Path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase))
        {
            return DocsPolicy(frameAncestors);
        }

        var socket = request.Host.HasValue && HostRegex().IsMatch(request.Host.Value)
            ? $" {(request.IsHttps ? "wss" : "ws")}://{request.Host.Value}"
            : "";
        return $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + $"connect-src 'self'{socket}; object-src 'none'; base-uri 'self'; form-action 'self'{formTargets}; frame-ancestors {frameAncestors}";
    }

    /// <summary>
    /// The API reference page (Scalar) alone: its page starts with an inline module script that the package writes and
    /// this portal cannot give a nonce, and it draws with inline styles. Everything still comes from the portal itself
    /// (Scalar's scripts are served from its package), so nothing is loaded from elsewhere; the page holds no one's data,
    /// and the portal's own pages keep the strict policy above.
    /// </summary>
    private static string DocsPolicy(string frameAncestors) =>
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + $"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {frameAncestors}";

    private static string NewNonce()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    // 'self', 'none' or host sources (scheme://host[:port] or *.host); nothing that could end the directive.
    [GeneratedRegex(@"^('self'|'none'|[a-z][a-z0-9+.-]*://[a-z0-9.*:\[\]-]+|[a-z0-9*][a-z0-9.*:-]*)( +('self'|[a-z][a-z0-9+.-]*://[a-z0-9.*:\[\]-]+|[a-z0-9*][a-z0-9.*:-]*))*$", RegexOptions.IgnoreCase)]
    private static partial Regex SourceListRegex();

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")]
    private static partial Regex HostRegex();
}
