using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomerCare.Web.Components.Account.External;

/// <summary>Why a sign-in through a provider ended on the sign-in page: the page says it in words (<c>?external=</c>).</summary>
public static class ExternalFailures
{
    public const string QueryKey = "external";
    public const string Unavailable = "unavailable";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    /// <summary>The sign-in page with the reason and the provider's key, e.g. <c>/Account/Login?external=unavailable&amp;provider=company</c>.</summary>
    public static string LoginUrl(string reason, ExternalProvider provider, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var query = new Dictionary<string, string?> { [QueryKey] = reason, ["provider"] = provider.Key };
        if (!string.IsNullOrEmpty(returnUrl) && returnUrl != "/")
        {
            query["ReturnUrl"] = returnUrl;
        }

        return QueryHelpers.AddQueryString("/Account/Login", query);
    }

    /// <summary>The provider cannot be reached (down, refusing, or slower than its backchannel timeout).</summary>
    public static bool IsUnreachable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or TimeoutException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
            {
                return true;
            }

            // IdentityModel wraps a failed metadata download in an InvalidOperationException (IDX20803, IDX20804).
            if (e.Message.Contains("IDX20803", StringComparison.Ordinal) || e.Message.Contains("IDX20804", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The provider's answer was refused (a state or nonce that is not this browser's, an expired round trip, the
    /// provider's error or its token endpoint unreachable): back to the sign-in page with a sentence, never an error page.
    /// </summary>
    internal static async Task OnRemoteFailureAsync(RemoteFailureContext context, ExternalProvider provider)
    {
        var reason = context.Failure is { } failure && IsUnreachable(failure) ? Unavailable
            : context.Failure?.Message.Contains("access_denied", StringComparison.Ordinal) == true ? Cancelled
            : Failed;
        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalFailures))
            .LogWarning(context.Failure, "Sign-in through {Provider} refused ({Reason})", provider.Key, reason);
        if (reason != Cancelled)
        {
            await http.RequestServices.GetRequiredService<SecurityLog>().RecordAsync(
                SecurityEventKind.ExternalSignInFailed, userId: null, http.Connection.RemoteIpAddress, detail: $"{provider.DisplayName}: {reason}",
                ct: http.RequestAborted);
        }

        http.Response.Redirect(LoginUrl(reason, provider));
        context.HandleResponse();
    }

}
