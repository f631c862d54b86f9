using CustomerCare.Data;

namespace CustomerCare.Web.Infrastructure;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    public string Name { get; set; } = "CustomerCare";

    public string Company { get; set; } = "";
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

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Until SMTP is configured, every mail is written as an .eml file into this folder.</summary>
    public string PickupDirectory { get; set; } = "data/mail";
}

public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>The account registered with this address becomes Admin, so a fresh production install has one.</summary>
    public string AdminEmail { get; set; } = "";
}
