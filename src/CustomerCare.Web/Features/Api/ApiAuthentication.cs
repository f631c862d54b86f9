using System.Security.Claims;
using System.Text.Encodings.Web;
using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Api;

/// <summary>
/// Who calls the API: a personal access token (<c>Authorization: Bearer ccpat_…</c>), else the portal's own sign-in
/// cookie (a same-origin page), else nobody. Requests under <see cref="ApiPaths.Root"/> authenticate here, every other
/// request with the cookie as before (<see cref="AddApiAuthentication"/>). A refusal is problem+json, never a redirect
/// to the sign-in page, and says why: no token, an unknown, expired or revoked one, or a closed account.
/// </summary>
public sealed class ApiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The claim that carries the token's scope; a cookie caller has none (the page's own rights).</summary>
    public const string ScopeClaim = "cc:scope";

    /// <summary>Selects this handler for API paths, the cookie elsewhere: the application's default scheme.</summary>
    public const string SelectorScheme = "CookieOrApiToken";

    private const string RefusalKey = "cc:token-refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string authorization = Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            // A same-origin page calling with its sign-in cookie (antiforgery guards its writes: ApiAccess).
            return await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            Context.Items[RefusalKey] = TokenRefusal.Unknown;
            return AuthenticateResult.Fail("Only Bearer tokens are accepted.");
        }

        var check = await tokens.CheckAsync(authorization["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (check.Holder is not { } holder)
        {
            Context.Items[RefusalKey] = check.Refusal;
            return AuthenticateResult.Fail($"The token is refused: {check.Refusal}.");
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, holder.UserId),
            new(ScopeClaim, holder.Scope.ToString()),
            new("cc:token", holder.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. holder.Roles.Select(r => new Claim(ClaimTypes.Role, r)),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = (Context.Items[RefusalKey] as TokenRefusal?) switch
        {
            TokenRefusal.Expired => "The access token has expired. Make a new one on the account page.",
            TokenRefusal.Revoked => "The access token was revoked. Make a new one on the account page.",
            TokenRefusal.AccountClosed => "The access token's account is deleted or locked out.",
            TokenRefusal.Unknown => "The access token is not known here. Send Authorization: Bearer ccpat_… as shown when it was made.",
            _ => ApiProblems.SignInSentence,
        };
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Write(Context, StatusCodes.Status401Unauthorized, "Not signed in", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, StatusCodes.Status403Forbidden, "Forbidden", "Your account may not do this.");
}

public static class ApiAuthenticationWiring
{
    /// <summary>
    /// The API's handler, and a default scheme that picks it for API paths and the Identity cookie for everything else,
    /// so pages keep their sign-in redirects and the API never redirects.
    /// </summary>
    public static AuthenticationBuilder AddApiAuthentication(this AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        authentication.Services.AddSingleton<AccessTokenService>();
        authentication.AddScheme<AuthenticationSchemeOptions, ApiAuthenticationHandler>(ApiAuthenticationHandler.SchemeName, null);
        authentication.AddPolicyScheme(ApiAuthenticationHandler.SelectorScheme, null, o => o.ForwardDefaultSelector = context =>
            ApiPaths.IsApi(context.Request.Path) ? ApiAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        return authentication;
    }

    /// <summary>The token's scope, or null for a cookie caller (whose page rights are the person's own).</summary>
    public static TokenScope? TokenScopeOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Enum.TryParse<TokenScope>(user.FindFirstValue(ApiAuthenticationHandler.ScopeClaim), out var scope) ? scope : null;
    }
}
