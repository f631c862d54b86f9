using Microsoft.EntityFrameworkCore;

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
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrations)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }
}
