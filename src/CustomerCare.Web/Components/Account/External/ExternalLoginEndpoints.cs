using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace CustomerCare.Web.Components.Account.External;

/// <summary>The provider buttons' door: a POST with antiforgery (a link would let any site start a sign-in), then the provider.</summary>
public static partial class ExternalLoginEndpoints
{
    public const string StartPath = "/Account/ExternalLogin/Start";

    /// <summary>Where the provider's answer lands once ASP.NET Core has checked it: the page that decides what it means.</summary>
    public const string CallbackPage = "/Account/ExternalLogin";

    public static void MapExternalSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(StartPath, async (
            HttpContext http,
            [FromServices] SignInManager<CareUser> signInManager,
            [FromServices] ExternalProviders providers,
            [FromServices] ILogger<ExternalProviders> log,
            [FromForm] string? provider,
            [FromForm] string? returnUrl) =>
        {
            if (providers.ByKey(provider) is not { } chosen)
            {
                return Results.LocalRedirect("/Account/Login");
            }

            var local = LocalUrl.OrRoot(returnUrl);
            var callback = QueryHelpers.AddQueryString(CallbackPage, "ReturnUrl", local);
            var properties = signInManager.ConfigureExternalAuthenticationProperties(chosen.Scheme, callback);
            try
            {
                // The provider's metadata is fetched here (then cached): a provider that is down fails now, within its
                // backchannel timeout, and the person reads why on the sign-in page, where the password still works.
                await http.ChallengeAsync(chosen.Scheme, properties);
                return Results.Empty;
            }
            catch (Exception ex) when (ExternalFailures.IsUnreachable(ex) || ex is InvalidOperationException)
            {
                LogUnreachable(log, ex, chosen.Key);
                return Results.LocalRedirect(ExternalFailures.LoginUrl(ExternalFailures.Unavailable, chosen, local));
            }
        }).RequireRateLimiting(RequestRateLimits.SignIn);
    }

    /// <summary>
    /// After the portal's own sign-out: a person who signed in through a provider is sent to its end-session endpoint
    /// too, and comes back to <paramref name="returnUrl"/>. False when the provider cannot be reached or there is none;
    /// the local sign-out stands either way.
    /// </summary>
    public static async Task<bool> SignOutAtProviderAsync(HttpContext http, AuthenticationProperties? signedIn, string returnUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        var providers = http.RequestServices.GetRequiredService<ExternalProviders>();
        if (signedIn?.Items.TryGetValue(ExternalSignInWiring.SignedInWithItem, out var scheme) != true || providers.ByScheme(scheme) is not { } provider)
        {
            return false;
        }

        var properties = new AuthenticationProperties { RedirectUri = returnUrl };
        properties.SetParameter(ExternalSignInWiring.IdTokenHintParameter, signedIn.GetTokenValue("id_token"));
        try
        {
            await http.SignOutAsync(provider.Scheme, properties);
            return true;
        }
        catch (Exception ex) when (ExternalFailures.IsUnreachable(ex) || ex is InvalidOperationException)
        {
            LogUnreachable(http.RequestServices.GetRequiredService<ILogger<ExternalProviders>>(), ex, provider.Key);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect provider {Provider} could not be reached")]
    private static partial void LogUnreachable(ILogger log, Exception ex, string provider);
}
