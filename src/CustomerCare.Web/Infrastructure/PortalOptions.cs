using CustomerCare.Data;

namespace CustomerCare.Web.Infrastructure;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    public string Name { get; set; } = "CustomerCare";

    public string Company { get; set; } = "";

    /// <summary>
    /// Where people reach the portal (e.g. https://feedback.example.com). Links in mails are built from
    /// it, never from the request's Host header, which a stranger can forge to send a victim's reset link
    /// to their own site. Empty: the request's address is used, acceptable only in development.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For/-Proto headers are believed (besides loopback,
    /// which is always trusted), so that behind TLS ended at nginx the portal knows the request was HTTPS.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>An absolute link for a mail: relative to <see cref="PublicUrl"/> when set, else to the request's base.</summary>
    public Uri LinkFor(string relativePath, string requestBaseUri)
    {
        var root = string.IsNullOrWhiteSpace(PublicUrl) ? requestBaseUri : PublicUrl.TrimEnd('/') + "/";
        return new Uri(new Uri(root, UriKind.Absolute), relativePath.TrimStart('/'));
    }
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Production can turn this off and apply migrations from a deployment step instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; }
}

public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>The account registered with this address becomes Admin, so a fresh production install has one.</summary>
    public string AdminEmail { get; set; } = "";
}
