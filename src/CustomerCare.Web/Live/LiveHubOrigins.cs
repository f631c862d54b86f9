using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Live;

/// <summary>
/// The public hub answers pages of the portal's own origins only: its host as the request names it, <c>Portal:PublicUrl</c>
/// and <c>Live:AllowedOrigins</c>. A browser sends the page's Origin with every WebSocket handshake and every
/// cross-origin request, and sends the visitor's cookies along, so without this check a page on any site could open the
/// hub as the signed-in visitor and read what the hub tells them. A request without Origin is let in on purpose: browsers
/// always send one where another site is involved, so it comes from the portal's own pages or from a client that is no
/// browser (the .NET SignalR client, an app, the load generator), which holds only the credentials it was given and could
/// forge any header anyway. <c>Origin: null</c> (sandboxed frames, local files) is refused.
/// </summary>
public static partial class LiveHubOrigins
{
    public static HubEndpointConventionBuilder RequireKnownOrigin(this HubEndpointConventionBuilder hub, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(services);
        var configured = Configured(
            services.GetRequiredService<IOptions<PortalOptions>>().Value,
            services.GetRequiredService<IOptions<LiveOptions>>().Value);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LiveHubOrigins));

        // Negotiation, the WebSocket handshake and the long-polling and event-stream requests are all endpoints of this
        // builder: each is wrapped.
        hub.Add(endpoint =>
        {
            var next = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                if (IsAllowed(context.Request, configured))
                {
                    return next(context);
                }

                LogRefused(logger, context.Request.Headers.Origin.ToString());
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return context.Response.WriteAsync("This site may not connect to the live hub.");
            };
        });
        return hub;
    }

    /// <summary>The CORS policy of what the widget reads from another site: the hub and the API's idea list.</summary>
    public const string CorsPolicy = "allowed-sites";

    /// <summary>
    /// CORS for the sites that may show the widget (the same origins as the hub's check): they may read the answers of the
    /// endpoints that name <see cref="CorsPolicy"/>, never with credentials. A browser then sends no cookie along (the
    /// widget asks for none), or if a page does ask, refuses to hand the answer over: what another site's page reads is
    /// what any visitor reads.
    /// </summary>
    public static IServiceCollection AddAllowedSitesCors(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<PortalOptions>, IOptions<LiveOptions>>((cors, portal, live) =>
        {
            var sites = Configured(portal.Value, live.Value);
            cors.AddPolicy(CorsPolicy, policy => policy
                .SetIsOriginAllowed(origin => Normalize(origin) is { } site && sites.Contains(site))
                .WithMethods(HttpMethods.Get, HttpMethods.Post)
                .WithHeaders("content-type", "x-requested-with", "x-signalr-user-agent")
                .SetPreflightMaxAge(TimeSpan.FromHours(1)));
        });
        return services;
    }

    /// <summary>
    /// Blazor's circuit (<c>/_blazor</c>) is a hub too: a foreign page could open one with the visitor's cookies and read
    /// what it renders. It serves the portal's own pages only — its host and <c>Portal:PublicUrl</c>; the origins in
    /// <c>Live:AllowedOrigins</c> are for the live hub (a widget), not for circuits.
    /// </summary>
    public static void UseOwnOriginForCircuits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var own = Configured(app.Services.GetRequiredService<IOptions<PortalOptions>>().Value, new LiveOptions());
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LiveHubOrigins));
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(CircuitPath) || IsAllowed(context.Request, own))
            {
                return next(context);
            }

            LogRefused(logger, context.Request.Headers.Origin.ToString());
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("This site may not connect to the portal's pages.");
        });
    }

    private const string CircuitPath = "/_blazor";

    internal static bool IsAllowed(HttpRequest request, IReadOnlySet<string> configured)
    {
        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            return true;
        }

        if (origins.Count > 1 || Normalize(origins[0]) is not { } origin)
        {
            return false;
        }

        return configured.Contains(origin) || string.Equals(origin, Normalize($"{request.Scheme}://{request.Host}"), StringComparison.Ordinal);
    }

    /// <summary>Portal:PublicUrl's origin and Live:AllowedOrigins; an entry that is not an origin stops start-up.</summary>
    internal static HashSet<string> Configured(PortalOptions portal, LiveOptions live)
    {
        var origins = new HashSet<string>(StringComparer.Ordinal);
        if (Normalize(portal.PublicUrl) is { } publicUrl)
        {
            origins.Add(publicUrl);
        }

        foreach (var entry in live.AllowedOrigins.Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            if (!Uri.TryCreate(entry.Trim(), UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Query.Length > 0
                || Normalize(entry) is not { } origin)
            {
                throw new InvalidOperationException(
                    $"Live:AllowedOrigins holds '{entry}', which is not an origin such as https://www.example.com (scheme, host and port only).");
            }

            origins.Add(origin);
        }

        return origins;
    }

    // scheme://host[:port], lower case, without the scheme's default port: the form browsers send.
    private static string? Normalize(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "A live connection (hub or circuit) from origin {Origin} was refused")]
    private static partial void LogRefused(ILogger logger, string origin);
}
