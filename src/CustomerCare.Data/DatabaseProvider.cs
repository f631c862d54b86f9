using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CustomerCare.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

public static class CareDbOptions
{
    public const string SqliteMigrations = "CustomerCare.Data.Sqlite";
    public const string SqlServerMigrations = "CustomerCare.Data.SqlServer";
    public const string PostgresMigrations = "CustomerCare.Data.Postgres";

    /// <summary>Points EF Core at the chosen provider and that provider's own migrations assembly.</summary>
    public static DbContextOptionsBuilder UseCareDatabase(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations))
                .AddInterceptors(SqliteConnectionSetup.Instance),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrations)),
            DatabaseProvider.Postgres => options.UseNpgsql(WithAutoPrepare(connectionString), o => o.MigrationsAssembly(PostgresMigrations)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    /// <summary>The statements Npgsql keeps prepared per connection when the connection string does not say.</summary>
    public const int PostgresAutoPrepare = 32;

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string chooses (<c>Max Auto Prepare=0</c> turns it
    /// off, e.g. behind a PgBouncer older than 1.21 in transaction mode). The portal sends the same few statements all
    /// day; prepared, PostgreSQL plans each once per connection instead of on every call, which was half the board's
    /// query time at 100,000 ideas (docs/benchmarks.md, run 7).
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // Npgsql's builder reports every keyword it knows as present, so the keys as written decide ("Max Auto Prepare",
        // "MaxAutoPrepare", any case).
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = PostgresAutoPrepare }.ConnectionString;
    }
}
