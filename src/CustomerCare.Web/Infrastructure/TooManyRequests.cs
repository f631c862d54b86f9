using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using CustomerCare.Web.Resources;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// The answer to a post refused by <see cref="RequestRateLimits"/>: 429 with Retry-After, and for a browser a page in the
/// visitor's language that says how long to wait and leads back to the form (a plain sentence for anything else).
/// </summary>
public static partial class TooManyRequests
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        LogRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TooManyRequests)),
            RequestRateLimits.LimitedForm(context) ?? context.Request.Path.Value ?? "", RequestRateLimits.ClientAddress(context.Connection.RemoteIpAddress), seconds);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        if (Features.Api.ApiPaths.IsApi(context.Request.Path))
        {
            // An API client reads refusals as problem+json, the same 429 as a service's own limit gives it.
            await Features.Api.ApiProblems.TooMany(wait, context).ExecuteAsync(context);
            return;
        }

        var text = context.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        var sentence = text["TooMany_Text", Duration(text, seconds)].Value;
        if (!WantsHtml(context.Request))
        {
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(sentence, ct);
            return;
        }

        var portal = context.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value;
        var title = text["TooMany_Title"].Value;
        var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{E(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)}\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{E(title)} – {E(portal.Name)}</title><link rel=\"stylesheet\" href=\"/app.css\"></head>"
            + "<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em\">"
            + $"<h1>{E(title)}</h1><p data-testid=\"too-many\">{E(sentence)}</p>"
            + $"<p><a href=\"{E(back)}\">{E(text["TooMany_Back"].Value)}</a></p></body></html>",
            ct);
    }

    /// <summary>"45 seconds", "3 minutes": the wait as the visitor reads it.</summary>
    private static string Duration(IStringLocalizer<Strings> text, int seconds) => seconds switch
    {
        1 => text["TooMany_OneSecond"],
        < 60 => text["TooMany_Seconds", seconds],
        <= 90 => text["TooMany_OneMinute"],
        _ => text["TooMany_Minutes", (int)Math.Ceiling(seconds / 60.0)],
    };

    private static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static string E(string value) => WebUtility.HtmlEncode(value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a {Form} post from {Client}: too many; it may try again in {Seconds} s")]
    private static partial void LogRefused(ILogger logger, string form, string client, int seconds);
}
