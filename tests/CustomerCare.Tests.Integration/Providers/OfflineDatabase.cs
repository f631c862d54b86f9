using CustomerCare.Data;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Providers;

/// <summary>
/// A CareDb for a provider whose server is never contacted. The connection strings are valid but point
/// nowhere (port 1, a folder that does not exist), so anything that tried to connect would fail loudly.
/// </summary>
internal static class OfflineDatabase
{
    public static readonly string SqliteFolderThatMustNotAppear =
        Path.Combine(Path.GetTempPath(), "customercare-offline", Guid.NewGuid().ToString("N"));

    public static CareDb Create(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<CareDb>();
        options.UseCareDatabase(provider, ConnectionString(provider));
        return new CareDb(options.Options);
    }

    public static string ConnectionString(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => $"Data Source={Path.Combine(SqliteFolderThatMustNotAppear, "never-opened.db")};Mode=ReadWrite",
        DatabaseProvider.SqlServer => "Server=127.0.0.1,1;Database=CustomerCare;User Id=nobody;Password=nothing;TrustServerCertificate=True;Connect Timeout=1",
        DatabaseProvider.Postgres => "Host=127.0.0.1;Port=1;Database=customercare;Username=nobody;Password=nothing;Timeout=1",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static string ExpectedProviderName(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Microsoft.EntityFrameworkCore.Sqlite",
        DatabaseProvider.SqlServer => "Microsoft.EntityFrameworkCore.SqlServer",
        DatabaseProvider.Postgres => "Npgsql.EntityFrameworkCore.PostgreSQL",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static string ExpectedMigrationsAssembly(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => CareDbOptions.SqliteMigrations,
        DatabaseProvider.SqlServer => CareDbOptions.SqlServerMigrations,
        DatabaseProvider.Postgres => CareDbOptions.PostgresMigrations,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
