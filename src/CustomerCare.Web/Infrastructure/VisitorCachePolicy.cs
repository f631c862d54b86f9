using System.Globalization;
using CustomerCare.Web.Components;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Which answers the output cache keeps and for whom: a GET or HEAD of a visitor's page (<see cref="IsCacheable"/>) by
/// somebody not signed in, one copy per address (query string included), language, theme and compression; kept only when
/// it is a plain 200 that sets no cookie and nothing it shows changed while it was made (<see cref="VisitorCacheFreshness"/>).
/// A signed-in person neither reads nor fills it.
/// </summary>
internal sealed class VisitorCachePolicy(
    IOptionsMonitor<LiveOptions> live, IResponseCompressionProvider compression, VisitorCacheFreshness freshness,
    IOptions<AntiforgeryOptions> antiforgery) : IOutputCachePolicy
{
    private readonly string? antiforgeryCookie = antiforgery.Value.Cookie.Name;

    // Exactly as Blazor tells an enhanced navigation (EndpointHtmlRenderer): its answer differs (an ssr-framing header).
    private const string EnhancedNavigation = "text/html; blazor-enhanced-nav=on";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = live.CurrentValue.CachedPageSeconds;
        if (seconds <= 0 || !VisitorCache.IsVisitor(http) || !IsCacheable(http.Request, context.Tags))
        {
            return ValueTask.CompletedTask;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        // A visitor who brings an antiforgery cookie (from a sign-in form) gets a page whose hidden state carries a token
        // made for that cookie: served from the cache, but never the copy others get.
        context.AllowCacheStorage = antiforgeryCookie is null || !http.Request.Cookies.ContainsKey(antiforgeryCookie);
        // Visitors who ask for the same page while it is being made wait for that one rendering.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(seconds);
        context.Tags.Add(VisitorCacheTags.Everything);

        var vary = context.CacheVaryByRules;
        vary.QueryKeys = "*";
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture;
        vary.VaryByValues["culture"] = $"{culture?.Culture.Name ?? CultureInfo.CurrentCulture.Name}|{culture?.UICulture.Name ?? CultureInfo.CurrentUICulture.Name}";
        // Without a remembered choice the page carries both palettes and follows the operating system.
        vary.VaryByValues["theme"] = ThemePreference.Of(http.Request) ?? "system";
        vary.VaryByValues["encoding"] = EncodingOf(http);
        var accept = http.Request.Headers.Accept;
        vary.VaryByValues["nav"] = accept.Count == 1 && string.Equals(accept[0], EnhancedNavigation, StringComparison.Ordinal) ? "enhanced" : "full";

        freshness.Begin(http);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        if (http.Response.StatusCode != StatusCodes.Status200OK
            || http.Response.Headers.SetCookie.Count > 0
            || VisitorCache.RefusedWhenKept(http)
            || !freshness.NothingEvictedSinceBegin(http, context.Tags))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The encoding response compression will choose for this request (its own choice, asked of it), so that one copy is
    /// kept per br, gzip and identity however the browser words its Accept-Encoding. Compression runs inside the cache:
    /// a hit sends the compressed bytes as they were kept.
    /// </summary>
    private string EncodingOf(HttpContext http) =>
        compression.CheckRequestAcceptsCompression(http) && compression.GetCompressionProvider(http) is { } provider
            ? provider.EncodingName
            : "identity";

    /// <summary>The visitors' pages, each filed under what its address names (<see cref="VisitorCacheTags"/>).</summary>
    internal static bool IsCacheable(HttpRequest request, ISet<string> tags)
    {
        var path = request.Path.Value ?? "";
        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path[..^1];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case []:
                tags.Add(VisitorCacheTags.Board);
                return true;
            case [var first] when Is(first, "ideas"):
                tags.Add(VisitorCacheTags.Board);
                return true;
            case [var first] when Is(first, "roadmap"):
                tags.Add(VisitorCacheTags.Roadmap);
                return true;
            case [var first] when Is(first, "changelog"):
                tags.Add(VisitorCacheTags.Changelog);
                return true;
            case [var first] when Is(first, "team"):
                tags.Add(VisitorCacheTags.Team);
                return true;
            case [var first, var id] when Is(first, "team"):
                tags.Add(VisitorCacheTags.Team);
                tags.Add(VisitorCacheTags.Person(Uri.UnescapeDataString(id)));
                return true;
            case [var first, var id] when Is(first, "people"):
                tags.Add(VisitorCacheTags.People);
                tags.Add(VisitorCacheTags.Person(Uri.UnescapeDataString(id)));
                return true;
            case [var first, var id] when Is(first, "posts") && PostId(id) is { } post:
                tags.Add(VisitorCacheTags.Post(post));
                return true;
            case [var first, var second, var id] when Is(first, "fragments") && Is(second, "posts") && PostId(id) is { } post:
                tags.Add(VisitorCacheTags.Post(post));
                return true;
            case [var first, var second] when Is(first, "fragments") && Is(second, "cards"):
                // ?ids=1,2,3: a card shows its post and nothing else.
                foreach (var id in request.Query["ids"].SelectMany(v => (v ?? "").Split(',')).Take(100))
                {
                    if (PostId(id.Trim()) is { } card)
                    {
                        tags.Add(VisitorCacheTags.Post(card));
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);

    private static int? PostId(string segment) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
