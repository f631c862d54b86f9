using CustomerCare.Data.Entities;
using CustomerCare.Web.Components.Account.External;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CustomerCare.Web.Components.Account;

internal static class IdentityEndpoints
{
    /// <summary>Sign-out must be a POST with antiforgery: a GET link could sign people out from any site.</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accountGroup = endpoints.MapGroup("/Account");
        accountGroup.MapPost("/Logout", async (
            HttpContext http,
            [FromServices] SignInManager<CareUser> signInManager,
            [FromServices] AccessChanges access,
            [FromServices] SecurityLog securityLog,
            [FromForm] string? returnUrl) =>
        {
            var userId = signInManager.UserManager.GetUserId(http.User);
            var signedIn = (await http.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Properties;
            await signInManager.SignOutAsync();
            if (userId is not null)
            {
                // Signing out ends the session everywhere: a copy of this cookie (another device, a stolen one) is
                // refused from now on, and the person's other open pages sign out too.
                await access.EndSessionsAsync(userId, AccessChangeReason.SignedOut, http.RequestAborted);
                await securityLog.RecordAsync(SecurityEventKind.SignedOut, userId, http.Connection.RemoteIpAddress, ct: http.RequestAborted);
            }

            // Signed in through a provider: its session ends too (end_session), then the provider sends the person back.
            return await ExternalLoginEndpoints.SignOutAtProviderAsync(http, signedIn, LocalUrl.OrRoot(returnUrl))
                ? Results.Empty
                : TypedResults.LocalRedirect(LocalUrl.OrRoot(returnUrl));
        });
        return accountGroup;
    }
}
