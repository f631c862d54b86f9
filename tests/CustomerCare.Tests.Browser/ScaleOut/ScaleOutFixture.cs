using CustomerCare.Data;
using CustomerCare.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CustomerCare.Tests.Browser.ScaleOut;

/// <summary>
/// Two real portal processes over one fresh PostgreSQL database and the suite's Redis, behind nginx with
/// cookie stickiness: the deployment docs/scale-out.md describes, all on 127.0.0.1. Started by the first
/// test that asks (so a missing dependency skips, or under CI fails, that test) and shared by the class.
/// </summary>
public sealed class ScaleOutFixture : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "customercare-tests", "scale-" + Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<PortalProcess> portals = [];
    private NginxBalancer? nginx;
    private string? database;
    private Task? starting;

    public Uri Root => nginx?.Root ?? throw new InvalidOperationException("Call StartAsync first.");

    /// <summary>Server A's own address (host:port), as nginx reports it in X-Served-By.</summary>
    public string ServerA { get; private set; } = "";

    public string ServerB { get; private set; } = "";

    public string ConnectionString { get; private set; } = "";

    public string Address(PortalServer server) => server == PortalServer.A ? ServerA : ServerB;

    /// <param name="withBrowser">Whether the test drives Chromium; one that only sends requests does not need it.</param>
    public async Task StartAsync(bool withBrowser = true)
    {
        // Asked in the test, before anything starts: skips (or fails under CI) with the reason.
        var postgres = TestDependencies.Postgres;
        var redis = TestDependencies.Redis;
        _ = TestDependencies.Nginx;
        if (withBrowser)
        {
            _ = TestDependencies.Chromium;
        }

        // Started once: a failed start fails every test of the class with its reason, rather than
        // starting a second set of processes next to the half-started first.
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            starting ??= StartServersAsync(postgres, redis);
        }
        finally
        {
            gate.Release();
        }

        await starting;
    }

    /// <summary>
    /// A browser context behind nginx, pinned to one server by the cookie nginx's stickiness reads, and
    /// recording which server answered each of its requests.
    /// </summary>
    public async Task<PinnedContext> NewContextAsync(BrowserFixture browser, PortalServer server, string locale = "en-US")
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new() { BaseURL = Root.ToString(), Locale = locale });
        var pinned = new PinnedContext(this, context);
        await pinned.PinAsync(server);
        return pinned;
    }

    public CareDb OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<CareDb>();
        options.UseCareDatabase(DatabaseProvider.Postgres, ConnectionString);
        return new CareDb(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (nginx is not null)
        {
            await nginx.DisposeAsync();
        }

        foreach (var portal in portals)
        {
            await portal.DisposeAsync();
        }

        if (database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await AdminCommandAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A log still being flushed by a dying process; the OS temp folder is cleaned anyway.
        }

        gate.Dispose();
    }

    private async Task StartServersAsync(string postgres, string redis)
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(folder);

        // The database exists before the servers start, empty: server A migrates it. No demo: each test adds the people
        // and ideas it needs (OpenDatabase).
        database = $"cc_scale_{Guid.NewGuid():N}";
        await AdminCommandAsync($"CREATE DATABASE \"{database}\"", ct);
        ConnectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = database, MaxPoolSize = 20 }.ConnectionString;

        // The balancer's address comes first: it is each server's public address (links in mails).
        nginx = new NginxBalancer(folder, NginxBalancer.FreePort());
        var channel = $"customercare:test:{Guid.NewGuid():N}"; // other tests share this Redis

        // One after the other, as docs/scale-out.md tells operators: two instances migrating an empty
        // database at the same moment collide (one stops with "column already exists"). B only checks
        // the migrations.
        var serverA = await StartPortalAsync("a", channel, redis, migrate: true, ct);
        var serverB = await StartPortalAsync("b", channel, redis, migrate: false, ct);
        ServerA = serverA.Authority;
        ServerB = serverB.Authority;
        await nginx.StartAsync(serverA, serverB, ct);
    }

    private async Task<Uri> StartPortalAsync(string name, string channel, string redis, bool migrate, CancellationToken ct)
    {
        var workingDirectory = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
        var portal = PortalProcess.Start(workingDirectory, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:CustomerCare"] = ConnectionString,
            ["Database:MigrateOnStartup"] = migrate ? "true" : "false",
            ["Demo:Seed"] = "false",
            ["Live:Redis"] = redis,
            ["Live:Channel"] = channel,
            ["Portal:PublicUrl"] = nginx!.Root.ToString(),
            ["Mail:PickupDirectory"] = Path.Combine(workingDirectory, "mail"),

            // A home of its own, as on a machine of its own: data-protection keys kept in files
            // (~/.aspnet) would otherwise be shared through the one home, and the test could not tell.
            ["HOME"] = workingDirectory,
        }, environment: "Development");
        portals.Add(portal);
        return await portal.WaitUntilReadyAsync(StartLimit, ct);
    }

    private static async Task AdminCommandAsync(string sql, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestDependencies.Postgres) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}

public enum PortalServer
{
    A,
    B,
}
