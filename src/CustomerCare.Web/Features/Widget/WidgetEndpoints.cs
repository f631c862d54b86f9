using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Widget;

/// <summary>
/// What <c>wwwroot/widget.js</c> asks first, from the company's site: whether that site may show the widget (its
/// <c>Origin</c> is one of <c>Live:AllowedOrigins</c>), and if so the portal's name, the company's colour and the widget's
/// words in the language it names (<c>?culture=de</c>). Any site may read this answer (<c>Access-Control-Allow-Origin: *</c>,
/// no credentials): it holds nothing that is not on the portal's public pages, and it is how a site that is not allowed
/// learns why, in the console, instead of a bare CORS failure. The ideas themselves come from the API's list
/// (<c>GET /api/v1/ideas</c>) and the live counts from the public hub, both for allowed sites only.
/// </summary>
public static class WidgetEndpoints
{
    public const string SettingsPath = "/widget/v1/settings";

    private static readonly string[] WordKeys =
    [
        "Launcher", "Title", "Close", "Search", "Loading", "Empty", "Failed", "Found", "Propose", "ProposeTitle", "ProposeHint",
        "OpenPortal", "Votes", "VoteOne",
    ];

    private static readonly PostStatus[] IdeaStatuses =
        [PostStatus.Open, PostStatus.UnderReview, PostStatus.Planned, PostStatus.InProgress, PostStatus.Shipped, PostStatus.Declined];

    public static IServiceCollection AddWidget(this IServiceCollection services)
    {
        services.AddOptions<WidgetOptions>().BindConfiguration(WidgetOptions.Section)
            .Validate(o => o.HasValidColor, "Widget:Color must be a colour such as #1f6f5c (# and six hexadecimal digits).")
            .ValidateOnStart();
        return services;
    }

    public static void MapWidget(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sites = LiveHubOrigins.Configured(
            app.Services.GetRequiredService<IOptions<PortalOptions>>().Value, app.Services.GetRequiredService<IOptions<LiveOptions>>().Value);
        app.MapGet(SettingsPath, (HttpContext http, IStringLocalizer<Strings> text, IOptions<PortalOptions> portal, IOptions<WidgetOptions> widget) =>
        {
            var headers = http.Response.Headers;
            headers.AccessControlAllowOrigin = "*";
            headers.Vary = "Origin, Accept-Language";
            headers.CacheControl = "no-cache";
            if (!LiveHubOrigins.IsAllowed(http.Request, sites))
            {
                return TypedResults.Ok(WidgetSettings.Refused);
            }

            return TypedResults.Ok(new WidgetSettings(
                true, portal.Value.Name, portal.Value.Company, widget.Value.Color,
                WordKeys.ToDictionary(k => char.ToLowerInvariant(k[0]) + k[1..], k => text[$"Widget_{k}"].Value, StringComparer.Ordinal),
                IdeaStatuses.ToDictionary(s => s.ToString(), s => text[$"Status_{s}"].Value, StringComparer.Ordinal)));
        }).ExcludeFromDescription();
    }
}

/// <summary>The widget's settings: <paramref name="Allowed"/> false (and nothing else) for a site that may not show it.</summary>
public sealed record WidgetSettings(
    bool Allowed, string? Name, string? Company, string? Color, IReadOnlyDictionary<string, string>? Strings,
    IReadOnlyDictionary<string, string>? Statuses)
{
    public static readonly WidgetSettings Refused = new(false, null, null, null, null, null);
}
