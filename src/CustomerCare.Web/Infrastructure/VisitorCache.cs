using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Visitors' pages from ASP.NET Core's output cache: what somebody who is not signed in reads (the board, a post, the
/// roadmap, the changelog, profiles, the team) is made once and sent from memory — or from the shared Redis with
/// <c>Live:Redis</c> — until a live event says what it shows changed (<see cref="VisitorCacheTags"/>,
/// <see cref="VisitorCacheEviction"/>). Compression runs inside the cache, so a hit sends the kept Brotli or gzip bytes.
/// Who is kept and how: <see cref="VisitorCachePolicy"/>; see docs/architecture.md, "Visitors' pages: output caching".
/// </summary>
public static class VisitorCache
{
    private const string RefusedWhenKeptKey = "cc:visitor-cache-refused";

    public static void AddVisitorCache(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<LiveOptions>()
            .Validate(o => o.CachedPageSeconds is >= 0 and <= 86_400, "Live:CachedPageSeconds must be between 0 (no cache) and 86400 (a day).")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSingleton<VisitorCacheFreshness>();
        services.AddSingleton<VisitorCachePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<VisitorCachePolicy>((o, policy) => o.AddBasePolicy(policy));

        var live = builder.Configuration.GetSection(LiveOptions.Section).Get<LiveOptions>() ?? new LiveOptions();
        if (live.UsesRedis)
        {
            services.AddStackExchangeRedisOutputCache(o =>
            {
                var redis = ConfigurationOptions.Parse(live.Redis);
                // As the bus and the sign-in throttle: never wait for Redis at start, and fail at once while it is down
                // (a miss: the page is made) instead of holding every visitor for the connect timeout.
                redis.AbortOnConnectFail = false;
                redis.BacklogPolicy = BacklogPolicy.FailFast;
                o.ConfigurationOptions = redis;
                // One namespace per build: a page made by the last release (its markup, its asset addresses) is never
                // served by the next, while servers of one release share theirs.
                o.InstanceName = $"{live.Channel}:pages:{typeof(VisitorCache).Assembly.ManifestModule.ModuleVersionId:N}:";
            });
        }

        // The store the output cache chose (memory, or Redis above), wrapped: see VisitorCacheStore.
        var chosen = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton<IOutputCacheStore>(sp => new VisitorCacheStore(
            (IOutputCacheStore)chosen.Create(sp), sp.GetRequiredService<VisitorCacheFreshness>(), sp.GetRequiredService<IHttpContextAccessor>(),
            sp.GetRequiredService<ILogger<VisitorCacheStore>>()));
        services.AddHostedService<VisitorCacheEviction>();
    }

    /// <summary>
    /// After authentication (the cache is for people not signed in) and localization (a copy per language); before
    /// compression, so that what is kept is compressed once.
    /// </summary>
    public static void UseVisitorCache(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var antiforgeryCookie = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        app.UseOutputCache();
        app.Use((context, next) =>
        {
            if (context.Features.Get<IOutputCacheFeature>()?.Context is { EnableOutputCaching: true, AllowCacheStorage: true })
            {
                context.Response.Body = new VisitorCacheBody(context.Response.Body, () => HeadersKept(context, antiforgeryCookie));
            }

            return next(context);
        });
    }

    /// <summary>
    /// Files the page being made under <paramref name="tags"/> (<see cref="VisitorCacheTags"/>): what it shows, so the
    /// events about those evict it. Nothing happens for a page that is not being kept (a signed-in person's, a circuit's).
    /// </summary>
    public static void Tag(HttpContext? context, params IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (context?.Features.Get<IOutputCacheFeature>()?.Context is { EnableOutputCaching: true } cache)
        {
            cache.Tags.UnionWith(tags);
        }
    }

    /// <summary>
    /// Keeps the page being made at most <paramref name="longest"/> (null: as long as the others), for what changes with
    /// the clock rather than with an event. Nothing happens for a page that is not being kept.
    /// </summary>
    public static void KeepAtMost(HttpContext? context, TimeSpan? longest)
    {
        if (longest is { } limit && context?.Features.Get<IOutputCacheFeature>()?.Context is { EnableOutputCaching: true } cache
            && (cache.ResponseExpirationTimeSpan is not { } kept || kept > limit))
        {
            cache.ResponseExpirationTimeSpan = limit;
        }
    }

    /// <summary>Somebody not signed in reads (GET or HEAD): the only requests the cache answers or keeps.</summary>
    internal static bool IsVisitor(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.User.Identity?.IsAuthenticated != true;

    /// <summary>Whether the answer's headers, as the cache copied them, set a cookie or forbid storing: then it is not kept.</summary>
    internal static bool RefusedWhenKept(HttpContext context) => context.Items.ContainsKey(RefusedWhenKeptKey);

    // The output cache copies the headers when the first bytes reach it, before the OnStarting callbacks run. Blazor gives
    // every page an antiforgery token while the app has an interactive render mode, with its cookie and "no-cache,
    // no-store"; nothing on a visitor's page posts, and a kept copy must not hand one visitor's token to the next.
    private static void HeadersKept(HttpContext context, string? antiforgeryCookie)
    {
        var headers = context.Response.Headers;
        VisitorPages.WithoutAntiforgery(headers, antiforgeryCookie);

        // Any other cookie, or a page that asks not to be stored, is not kept.
        if (headers.SetCookie.Count > 0 || headers.CacheControl.Any(v => v is not null && (v.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || v.Contains("private", StringComparison.OrdinalIgnoreCase))))
        {
            context.Items[RefusedWhenKeptKey] = true;
        }
    }
}
