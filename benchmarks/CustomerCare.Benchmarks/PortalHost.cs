using CustomerCare.Data;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CustomerCare.Benchmarks;

/// <summary>
/// The portal's own wiring (<c>AddApplicationServices</c>, migrations through <c>PrepareDatabaseAsync</c>) over
/// a fresh database: a SQLite file in a temporary folder or a new database on the PostgreSQL server. The
/// suites resolve the real services from it (PostService, VoteService), so they measure what the pages call.
/// Disposing drops the database again.
/// </summary>
public sealed class PortalHost : IAsyncDisposable
{
    private readonly string folder;
    private readonly string? postgresServer;
    private readonly string? postgresDatabase;

    private PortalHost(WebApplication app, DatabaseProvider provider, string connectionString, string folder, string? postgresServer, string? postgresDatabase)
    {
        App = app;
        Provider = provider;
        ConnectionString = connectionString;
        this.folder = folder;
        this.postgresServer = postgresServer;
        this.postgresDatabase = postgresDatabase;
    }

    public WebApplication App { get; }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public IServiceProvider Services => App.Services;

    public IDbContextFactory<CareDb> Dbs => Services.GetRequiredService<IDbContextFactory<CareDb>>();

    public static async Task<PortalHost> CreateAsync(DatabaseProvider provider, string? postgresServer, Action<WebApplicationBuilder>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "customercare-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string? database = null;
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={Path.Combine(folder, "customercare.db")}",
            DatabaseProvider.Postgres => new NpgsqlConnectionStringBuilder(postgresServer ?? throw new InvalidOperationException(
                    $"PostgreSQL needs a server: set {BenchOptions.PostgresVariable} (benchmarks/run starts a throwaway one).")) { Database = database = $"cc_bench_{Guid.NewGuid():N}" }
                .ConnectionString,
            _ => throw new NotSupportedException($"The suite runs on SQLite and PostgreSQL, not {provider}."),
        };

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:CustomerCare"] = connectionString,
            ["Demo:Seed"] = "false",
            ["Mail:PickupDirectory"] = Path.Combine(folder, "mail"),
            // One simulated person votes or replies far more often than a real one may (RateLimits): the limits stay on, so
            // their check is in every measurement, but high enough that no toggle or reply is refused.
            ["RateLimits:Votes:NewAccount"] = "1000000",
            ["RateLimits:Votes:Customer"] = "1000000",
            ["RateLimits:Votes:Staff"] = "1000000",
            ["RateLimits:Replies:NewAccount"] = "1000000",
            ["RateLimits:Replies:Customer"] = "1000000",
            ["RateLimits:Replies:Staff"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            // Migrating a PostgreSQL database that does not exist yet logs a failed connection before creating it.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Connection"] = "None",
            // CUSTOMERCARE_BENCH_SQL=1 prints every SQL command, to read a query plan from.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] =
                Environment.GetEnvironmentVariable("CUSTOMERCARE_BENCH_SQL") == "1" ? "Information" : "Error",
        });
        builder.AddApplicationServices();
        configure?.Invoke(builder);
        var app = builder.Build();
        var host = new PortalHost(app, provider, connectionString, folder, postgresServer, database);
        if (!await app.PrepareDatabaseAsync())
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"The portal could not prepare its {provider} database (see the log above).");
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        var keep = Environment.GetEnvironmentVariable("CUSTOMERCARE_BENCH_KEEP") == "1";
        if (postgresDatabase is not null && keep)
        {
            await Console.Error.WriteLineAsync($"kept PostgreSQL database {postgresDatabase}");
        }
        else if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(postgresServer) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (keep)
        {
            // For reading query plans afterwards: sqlite3 on the file, psql on the database.
            await Console.Error.WriteLineAsync($"kept {folder}");
            return;
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder; a file SQLite still holds is no reason to fail a run.
        }
    }
}
