using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Components.Account.External;

/// <summary>
/// Section <c>Authentication:OpenIdConnect</c>: the OpenID Connect providers people may sign in with (the company's
/// Entra ID, Keycloak, Google …), each under a key of its own. No provider: no buttons, nothing changes.
/// </summary>
public sealed partial class ExternalProvidersOptions
{
    public const string Section = "Authentication:OpenIdConnect";

    public Dictionary<string, ExternalProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What is wrong with the settings, one sentence a problem; empty when they can be used.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (key, provider) in Providers)
        {
            var where = $"{Section}:Providers:{key}";
            if (!KeyRegex().IsMatch(key))
            {
                yield return $"{where}: the key names the provider in addresses (/signin-oidc-{key}); use lower-case letters, digits and dashes.";
            }

            if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                yield return $"{where}:Authority must be the provider's absolute address (its issuer), e.g. https://login.microsoftonline.com/<tenant>/v2.0.";
            }
            else if (authority.Scheme == "http" && !authority.IsLoopback)
            {
                yield return $"{where}:Authority must use https (plain http is accepted only for a provider on this machine).";
            }

            if (string.IsNullOrWhiteSpace(provider.ClientId))
            {
                yield return $"{where}:ClientId is missing: the id the provider gave the portal when it was registered there.";
            }

            if (provider.BackchannelTimeout <= TimeSpan.Zero || provider.BackchannelTimeout > TimeSpan.FromMinutes(2))
            {
                yield return $"{where}:BackchannelTimeout must be between a moment and two minutes.";
            }

            foreach (var role in provider.RoleMap.Keys.Where(r => !ExternalProviderOptions.MappableRoles.Contains(r, StringComparer.OrdinalIgnoreCase)))
            {
                yield return $"{where}:RoleMap:{role} is not a role people who work here can have ({string.Join(", ", ExternalProviderOptions.MappableRoles)}).";
            }

            if (provider.RoleMap.Count > 0 && string.IsNullOrWhiteSpace(provider.RoleClaim))
            {
                yield return $"{where}:RoleMap needs RoleClaim: the claim whose values are mapped (e.g. groups).";
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,30}$")]
    private static partial Regex KeyRegex();
}

/// <summary>One provider, as registered with it: where it is, who the portal is there, and what its claims mean here.</summary>
public sealed class ExternalProviderOptions
{
    public static readonly IReadOnlyList<string> MappableRoles = [Roles.Staff, Roles.ProductOwner, Roles.Admin];

    /// <summary>The name on the button ("Sign in with {DisplayName}"); the key when empty.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The issuer; its <c>/.well-known/openid-configuration</c> tells the rest.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for; <c>openid profile email</c> when none are named.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>
    /// How long the portal waits for the provider (its metadata, keys, token and userinfo endpoints): a provider that
    /// does not answer turns into a clear message on the sign-in page within this time, not a hanging page.
    /// </summary>
    public TimeSpan BackchannelTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The claim whose values decide staff roles (e.g. <c>groups</c>, <c>roles</c>); none: nobody gets a role from this provider.</summary>
    public string? RoleClaim { get; set; }

    /// <summary>
    /// Staff role → the claim values that grant it, e.g. <c>"Staff": ["customer-care"]</c>. Applied at every sign-in
    /// through this provider: a role named here is granted while a value is present and taken away once none is.
    /// Roles not named here stay as admins set them.
    /// </summary>
    public Dictionary<string, List<string>> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> ScopesOrDefault => Scopes.Count > 0 ? Scopes : ["openid", "profile", "email"];
}
