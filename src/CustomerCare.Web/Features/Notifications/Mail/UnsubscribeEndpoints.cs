using System.Globalization;
using System.Net;
using CustomerCare.Data;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>
/// <c>/unsubscribe?token=…</c>: GET shows what would stop and a button (link scanners open links; a GET changes
/// nothing); POST applies it. Mail programs POST here directly for RFC 8058 one-click unsubscribe, without a page and
/// so without an antiforgery token: the signed token is the authorization, so antiforgery is off for this endpoint.
/// </summary>
public static partial class UnsubscribeEndpoints
{
    public const string Path = "/unsubscribe";

    public static void MapUnsubscribe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ShowAsync).ExcludeFromDescription();
        endpoints.MapPost(Path, ApplyAsync).DisableAntiforgery().RequireRateLimiting(RequestRateLimits.Unsubscribe).ExcludeFromDescription();
    }

    private static async Task<IResult> ShowAsync(
        [FromQuery] string? token, UnsubscribeTokens tokens, MailStrings strings, IDbContextFactory<CareDb> dbs,
        IOptions<PortalOptions> portal, ILoggerFactory logs, CancellationToken ct)
    {
        var scope = tokens.Read(token);
        if (scope is null)
        {
            return Refused(strings, portal.Value, logs);
        }

        var culture = await CultureOfAsync(dbs, scope.UserId, ct);
        var what = WhatStops(strings, culture, scope);
        var form = $"<form method=\"post\" action=\"{E(Path + "?token=" + Uri.EscapeDataString(token!))}\">"
            + $"<button type=\"submit\" data-testid=\"unsubscribe-confirm\">{E(strings.Get(culture, "Unsubscribe_Button"))}</button></form>";
        return Page(culture, portal.Value, strings.Get(culture, "Unsubscribe_Title"), $"<p>{E(what)}</p>{form}", StatusCodes.Status200OK);
    }

    private static async Task<IResult> ApplyAsync(
        [FromQuery] string? token, UnsubscribeTokens tokens, MailPreferences preferences, MailStrings strings, IDbContextFactory<CareDb> dbs,
        IOptions<PortalOptions> portal, ILoggerFactory logs, CancellationToken ct)
    {
        var scope = tokens.Read(token);
        if (scope is null || !await preferences.UnsubscribeAsync(scope, ct))
        {
            return Refused(strings, portal.Value, logs);
        }

        var culture = await CultureOfAsync(dbs, scope.UserId, ct);
        LogApplied(logs.CreateLogger(typeof(UnsubscribeEndpoints)), scope.UserId, scope.What);
        var body = $"<p data-testid=\"unsubscribe-done\">{E(strings.Get(culture, "Unsubscribe_Done"))}</p><p>{E(WhatStops(strings, culture, scope))}</p>"
            + $"<p><a href=\"/{MailLinks.PreferencesPath}\">{E(strings.Get(culture, "Mail_Preferences"))}</a></p>";
        return Page(culture, portal.Value, strings.Get(culture, "Unsubscribe_Title"), body, StatusCodes.Status200OK);
    }

    private static IResult Refused(MailStrings strings, PortalOptions portal, ILoggerFactory logs)
    {
        LogRefused(logs.CreateLogger(typeof(UnsubscribeEndpoints)));
        var culture = MailStrings.CultureFor(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        var body = $"<p data-testid=\"unsubscribe-invalid\">{E(strings.Get(culture, "Unsubscribe_Invalid"))}</p>"
            + $"<p><a href=\"/{MailLinks.PreferencesPath}\">{E(strings.Get(culture, "Mail_Preferences"))}</a></p>";
        return Page(culture, portal, strings.Get(culture, "Unsubscribe_Title"), body, StatusCodes.Status400BadRequest);
    }

    private static string WhatStops(MailStrings strings, CultureInfo culture, UnsubscribeScope scope) => scope.What switch
    {
        UnsubscribeScope.All => strings.Get(culture, "Unsubscribe_All"),
        UnsubscribeScope.Digest => strings.Get(culture, "Unsubscribe_Digest"),
        _ => strings.Get(culture, "Unsubscribe_Kind", strings.KindName(culture, scope.Kind!.Value)),
    };

    private static async Task<CultureInfo> CultureOfAsync(IDbContextFactory<CareDb> dbs, string userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var language = await db.Users.Where(u => u.Id == userId).Select(u => u.Language).FirstOrDefaultAsync(ct);
        return language is null ? MailStrings.CultureFor(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) : MailStrings.CultureFor(language);
    }

    // A plain server-rendered page: it must work from a mail client's link without the interactive circuit.
    private static IResult Page(CultureInfo culture, PortalOptions portal, string title, string body, int status) =>
        Results.Content(
            $"<!DOCTYPE html><html lang=\"{culture.Name}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{E(title)} – {E(portal.Name)}</title><link rel=\"stylesheet\" href=\"/app.css\"></head>"
            + $"<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em\"><h1>{E(title)}</h1>{body}</body></html>",
            "text/html; charset=utf-8", statusCode: status);

    private static string E(string value) => WebUtility.HtmlEncode(value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An unsubscribe link with a missing, altered or expired token was refused; nothing changed")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} unsubscribed from {What} by mail link")]
    private static partial void LogApplied(ILogger logger, string userId, string what);
}
