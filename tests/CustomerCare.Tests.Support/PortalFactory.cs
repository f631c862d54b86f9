using System.Net;
using CustomerCare.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerCare.Tests.Support;

/// <summary>
/// The real portal (Program.cs, migrations, seeding) over a database of its own: a fresh SQLite file
/// or a fresh PostgreSQL database on the test server. With <see cref="UseRealServer"/> it listens
/// on 127.0.0.1 through Kestrel, for the browser.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    /// <summary>The <c>Health:MonitoringKey</c> every test portal has, for tests that read /health's details.</summary>
    public const string MonitoringKey = "monitoring-key-of-the-test-portals";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "customercare-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> settings = new(StringComparer.OrdinalIgnoreCase);
    private string? postgresDatabase;

    /// <summary>SQLite with demo data: what a newcomer gets from the run command.</summary>
    public PortalFactory()
        : this(DatabaseProvider.Sqlite, seedDemo: true)
    {
    }

    protected PortalFactory(DatabaseProvider provider, bool seedDemo)
    {
        Provider = provider;
        Directory.CreateDirectory(folder);
        settings["Database:Provider"] = provider.ToString();
        // PostgreSQL's connection string is made when the host is built, inside the first test: a missing
        // server then skips (or, under CI, fails) that test, where a throwing class fixture would only fail.
        settings["ConnectionStrings:CustomerCare"] = provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={Path.Combine(folder, "customercare.db")}",
            DatabaseProvider.Postgres => null,
            _ => throw new NotSupportedException($"{provider} cannot run on this machine; its proof is offline (model, migrations, script)."),
        };
        settings["Demo:Seed"] = seedDemo ? "true" : "false";
        settings["Mail:PickupDirectory"] = MailFolder;

        // Account mails are built only from Portal:PublicUrl outside Development; the test server answers as localhost.
        settings["Portal:PublicUrl"] = "http://localhost";
        settings["Health:MonitoringKey"] = MonitoringKey;

        // The retention job's daily run would delete what tests date back (PortalBrowser's unconfirmed accounts are a
        // year old) in a fixture that lives past its first run; tests run the job's pass themselves (RetentionTests).
        settings["Retention:FirstRunAfter"] = "10.00:00:00";
    }

    public DatabaseProvider Provider { get; }

    public string MailFolder => Path.Combine(folder, "mail");

    /// <summary>Base address of the Kestrel server; set after <see cref="StartRealServer"/>.</summary>
    public Uri? RootUri { get; private set; }

    public PortalFactory With(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>Kestrel on 127.0.0.1 with a free port, so a real browser can connect.</summary>
    public Uri StartRealServer()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        RootUri = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return RootUri;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        if (Provider == DatabaseProvider.Postgres && settings["ConnectionStrings:CustomerCare"] is null)
        {
            settings["ConnectionStrings:CustomerCare"] = PostgresConnectionString();
        }

        // Outside Development the host reads wwwroot from the content root (the publish layout);
        // a test run has the build layout, where the static-web-assets manifest points at the sources.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DropPostgresDatabase();
            TryDeleteFolder();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DropPostgresDatabase();
        TryDeleteFolder();
        GC.SuppressFinalize(this);
    }

    private string PostgresConnectionString()
    {
        var server = TestDependencies.Postgres; // skips or fails first, so Dispose has nothing to drop
        postgresDatabase = $"cc_test_{Guid.NewGuid():N}";
        return new NpgsqlConnectionStringBuilder(server) { Database = postgresDatabase }.ConnectionString;
    }

    private void DropPostgresDatabase()
    {
        if (postgresDatabase is null)
        {
            return;
        }

        DropPostgresDatabase(postgresDatabase);
        postgresDatabase = null;
    }

    /// <summary>Drops a test's own PostgreSQL database <paramref name="name"/>, whoever is still connected.</summary>
    public static void DropPostgresDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(TestDependencies.Postgres) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(admin.ConnectionString);
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }

    private void TryDeleteFolder()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the OS temp folder is cleaned anyway.
        }
    }
}

/// <summary>Fixture: the portal over a fresh database on the PostgreSQL server that ./test.sh starts.</summary>
public sealed class PostgresPortalFactory() : PortalFactory(DatabaseProvider.Postgres, seedDemo: true);

/// <summary>A portal over an empty SQLite database: roles only, no demo data.</summary>
public sealed class EmptyPortalFactory() : PortalFactory(DatabaseProvider.Sqlite, seedDemo: false);

/// <summary>A portal over a fresh PostgreSQL database: roles and categories only, no demo data.</summary>
public sealed class EmptyPostgresPortalFactory() : PortalFactory(DatabaseProvider.Postgres, seedDemo: false);
