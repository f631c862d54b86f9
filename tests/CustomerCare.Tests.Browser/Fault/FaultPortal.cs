using CustomerCare.Data;
using CustomerCare.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CustomerCare.Tests.Browser.Fault;

/// <summary>
/// One real portal process over a fresh database of its own (a SQLite file, or a new PostgreSQL database), without demo
/// data, that a test may kill and start again on the same database.
/// </summary>
internal sealed class FaultPortal : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private readonly string folder;
    private readonly DatabaseProvider provider;
    private readonly string? postgresDatabase;
    private PortalProcess? process;

    private FaultPortal(string folder, DatabaseProvider provider, string connectionString, string? postgresDatabase)
    {
        this.folder = folder;
        this.provider = provider;
        ConnectionString = connectionString;
        this.postgresDatabase = postgresDatabase;
        Directory.CreateDirectory(folder);
    }

    public string ConnectionString { get; }

    public Uri Root { get; private set; } = null!;

    public PortalProcess Process => process ?? throw new InvalidOperationException("Call StartAsync first.");

    public static async Task<FaultPortal> CreateAsync(DatabaseProvider provider, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "customercare-tests", "fault-" + Guid.NewGuid().ToString("N"));
        if (provider == DatabaseProvider.Postgres)
        {
            var database = $"cc_fault_{Guid.NewGuid():N}";
            await AdminCommandAsync($"CREATE DATABASE \"{database}\"", ct);
            return new(folder, provider, new NpgsqlConnectionStringBuilder(TestDependencies.Postgres) { Database = database }.ConnectionString, database);
        }

        return new(folder, provider, $"Data Source={Path.Combine(folder, "customercare.db")}", null);
    }

    /// <summary>Starts the portal (it migrates the database on its first start) and waits for its address.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        process = PortalProcess.Start(folder, new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:CustomerCare"] = ConnectionString,
            ["Demo:Seed"] = "false",
            ["Mail:PickupDirectory"] = Path.Combine(folder, "mail"),
            ["HOME"] = folder,
        }, environment: "Development");
        Root = await process.WaitUntilReadyAsync(StartLimit, ct);
    }

    public CareDb OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<CareDb>();
        options.UseCareDatabase(provider, ConnectionString);
        return new CareDb(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await AdminCommandAsync($"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", CancellationToken.None);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A log still being flushed by a dying process; the OS temp folder is cleaned anyway.
        }
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
