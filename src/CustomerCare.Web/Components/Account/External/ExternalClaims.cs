using System.Security.Claims;

namespace CustomerCare.Web.Components.Account.External;

/// <summary>What the portal reads from a provider's claims (their OpenID Connect names; inbound mapping is off).</summary>
public sealed record ExternalClaims(string? Email, bool EmailVerified, string? Name, IReadOnlyList<string> RoleValues)
{
    public const string EmailVerifiedClaim = "email_verified";

    public static ExternalClaims From(ClaimsPrincipal principal, string? roleClaim)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var email = First(principal, "email", ClaimTypes.Email)?.Trim();

        // Only a provider's explicit yes counts (JSON true, or "true" as some providers send it): an address it did not
        // check could be anyone's, and linking by it would hand that person's account to whoever typed it there.
        var verified = First(principal, EmailVerifiedClaim) is { } v && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase);
        var fullName = string.Join(' ', new[] { First(principal, "given_name"), First(principal, "family_name") }.Where(n => n is not null));
        var name = First(principal, "name", ClaimTypes.Name)
            ?? (fullName.Length > 0 ? fullName : null)
            ?? First(principal, "preferred_username")
            ?? email?.Split('@')[0];
        var roles = string.IsNullOrWhiteSpace(roleClaim)
            ? []
            : principal.FindAll(roleClaim).Select(c => c.Value).ToList();
        return new(string.IsNullOrEmpty(email) ? null : email, verified, name, roles);
    }

    private static string? First(ClaimsPrincipal principal, params string[] types) =>
        types.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
