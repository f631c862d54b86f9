using System.Security.Claims;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Components.Account.External;

/// <summary>
/// One OpenID Connect scheme per configured provider (<c>oidc-{key}</c>, called back at <c>/signin-oidc-{key}</c>), on
/// Identity's external cookie: ASP.NET Core checks state, nonce, PKCE and the id token; <see cref="ExternalAccounts"/>
/// decides what the sign-in means here.
/// </summary>
public static class ExternalSignInWiring
{
    /// <summary>The app cookie's item that names the scheme a person signed in with, so sign-out can end that session too.</summary>
    public const string SignedInWithItem = "cc:signed-in-with";

    /// <summary>Properties parameter (never serialized) that carries the id token to the provider's end-session endpoint.</summary>
    public const string IdTokenHintParameter = "cc:id_token_hint";

    public static void AddExternalSignIn(this WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(authentication);
        var section = builder.Configuration.GetSection(ExternalProvidersOptions.Section);
        var options = section.Get<ExternalProvidersOptions>() ?? new ExternalProvidersOptions();
        builder.Services.AddOptions<ExternalProvidersOptions>().BindConfiguration(ExternalProvidersOptions.Section)
            .Validate(o => !o.Problems().Any(), "Authentication:OpenIdConnect: " + string.Join(" ", options.Problems()))
            .ValidateOnStart();
        var providers = ExternalProviders.From(options);
        builder.Services.AddSingleton(providers);
        builder.Services.AddSingleton<ExternalAccounts>();
        if (options.Problems().Any())
        {
            return; // the validation above stops the start with the reason
        }

        foreach (var provider in providers.All)
        {
            authentication.AddOpenIdConnect(provider.Scheme, provider.DisplayName, o => Configure(o, provider));
        }

        // The sign-in and sign-out forms post to the portal, which redirects to the provider: form-action must allow it.
        builder.Services.Configure<SecurityHeadersOptions>(o =>
        {
            foreach (var provider in providers.All)
            {
                o.FormTargets.Add(new Uri(provider.Options.Authority).GetLeftPart(UriPartial.Authority));
            }
        });
    }

    private static void Configure(OpenIdConnectOptions o, ExternalProvider provider)
    {
        var settings = provider.Options;
        o.Authority = settings.Authority;
        o.ClientId = settings.ClientId;
        o.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
        o.ResponseType = "code";
        o.UsePkce = true;
        o.Scope.Clear();
        foreach (var scope in settings.ScopesOrDefault)
        {
            o.Scope.Add(scope);
        }

        o.CallbackPath = $"/signin-oidc-{provider.Key}";
        o.SignedOutCallbackPath = $"/signout-callback-oidc-{provider.Key}";
        o.RemoteSignOutPath = $"/signout-oidc-{provider.Key}";
        o.SignInScheme = IdentityConstants.ExternalScheme;

        // The id token is kept for the provider's end-session endpoint (id_token_hint); claims keep the provider's names,
        // so RoleClaim says "groups" as the provider's documentation does.
        o.SaveTokens = true;
        o.GetClaimsFromUserInfoEndpoint = true;
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = "name";
        o.ClaimActions.MapUniqueJsonKey(ExternalClaims.EmailVerifiedClaim, ExternalClaims.EmailVerifiedClaim);
        if (!string.IsNullOrWhiteSpace(settings.RoleClaim))
        {
            o.ClaimActions.MapJsonKey(settings.RoleClaim, settings.RoleClaim);
        }

        o.BackchannelTimeout = settings.BackchannelTimeout;
        o.RequireHttpsMetadata = new Uri(settings.Authority).Scheme == "https";
        o.DisableTelemetry = true;
        o.Events.OnTokenValidated = context =>
        {
            // Identity finds the login by NameIdentifier; without inbound mapping the provider calls it "sub".
            if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst(ClaimTypes.NameIdentifier) is null
                && identity.FindFirst("sub") is { } sub)
            {
                identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, sub.Value, sub.ValueType, sub.Issuer));
            }

            return Task.CompletedTask;
        };
        o.Events.OnRemoteFailure = context => ExternalFailures.OnRemoteFailureAsync(context, provider);
        o.Events.OnRedirectToIdentityProviderForSignOut = context =>
        {
            if (context.Properties.GetParameter<string>(IdTokenHintParameter) is { Length: > 0 } idToken)
            {
                context.ProtocolMessage.IdTokenHint = idToken;
            }

            context.ProtocolMessage.ClientId = context.Options.ClientId;
            return Task.CompletedTask;
        };
    }
}
