using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Components.Account.External;

/// <summary>One configured provider as the pages see it: its key, its authentication scheme, the name on its button.</summary>
public sealed record ExternalProvider(string Key, string Scheme, string DisplayName, ExternalProviderOptions Options)
{
    public const string SchemePrefix = "oidc-";

    /// <summary>
    /// The staff roles this provider decides, and which of them the person's claim values grant: named roles are set to
    /// exactly what the claims say at each sign-in; the rest are left to admins.
    /// </summary>
    public (IReadOnlyList<string> Decides, IReadOnlySet<string> Grants) RolesFor(IEnumerable<string> claimValues)
    {
        var values = claimValues.ToHashSet(StringComparer.Ordinal);
        var decides = new List<string>();
        var grants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (role, granting) in Options.RoleMap)
        {
            var canonical = Roles.All.First(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
            decides.Add(canonical);
            if (granting.Any(values.Contains))
            {
                grants.Add(canonical);
            }
        }

        return (decides, grants);
    }
}

/// <summary>The providers of <see cref="ExternalProvidersOptions"/>, read once at start (each is an authentication scheme).</summary>
public sealed class ExternalProviders(IReadOnlyList<ExternalProvider> all)
{
    public IReadOnlyList<ExternalProvider> All { get; } = all;

    public ExternalProvider? ByKey(string? key) => All.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal));

    public ExternalProvider? ByScheme(string? scheme) => All.FirstOrDefault(p => string.Equals(p.Scheme, scheme, StringComparison.Ordinal));

    public static ExternalProviders From(ExternalProvidersOptions options) =>
        new([.. options.Providers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ExternalProvider(
            p.Key, ExternalProvider.SchemePrefix + p.Key, string.IsNullOrWhiteSpace(p.Value.DisplayName) ? p.Key : p.Value.DisplayName.Trim(), p.Value))]);
}
