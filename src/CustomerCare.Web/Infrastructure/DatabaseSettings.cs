using CustomerCare.Data;
using Microsoft.Data.Sqlite;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// The database the configuration asks for. A wrong setting is not thrown at wiring time, where it
/// would surface as a stack trace; it is kept as <see cref="Error"/> and reported once, clearly, by
/// <see cref="DatabaseStartup"/> before the portal stops.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string? Error)
{
    public const string ConnectionStringName = "CustomerCare";
    public const string DefaultSqlite = "Data Source=data/customercare.db";

    /// <param name="dataRoot">What a relative SQLite path is relative to (<see cref="DataFolder.Root"/>).</param>
    public static DatabaseSettings From(IConfiguration configuration, string dataRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration[$"{DatabaseOptions.Section}:Provider"];
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        if (string.IsNullOrWhiteSpace(name))
        {
            name = nameof(DatabaseProvider.Sqlite);
        }

        if (!Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            return new(DatabaseProvider.Sqlite, DefaultSqlite,
                $"Database:Provider is '{name}', which CustomerCare does not know. Set Database:Provider to Sqlite, SqlServer or Postgres.");
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return provider == DatabaseProvider.Sqlite
                ? new(provider, SqliteIn(dataRoot, DefaultSqlite), null)
                : new(provider, "", $"Database:Provider is {provider} but ConnectionStrings:CustomerCare is empty. Set ConnectionStrings:CustomerCare to the {provider} connection string.");
        }

        return new(provider, provider == DatabaseProvider.Sqlite ? SqliteIn(dataRoot, connectionString) : connectionString, null);
    }

    /// <summary>SQLite's connection string with a relative file made absolute against <paramref name="dataRoot"/>.</summary>
    private static string SqliteIn(string dataRoot, string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Left as written: opening it at start-up fails with the one log line that names the setting.
            return connectionString;
        }

        var file = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || file.Length == 0 || file == ":memory:"
            || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(file))
        {
            return connectionString;
        }

        builder.DataSource = DataFolder.Resolve(dataRoot, file);
        return builder.ConnectionString;
    }

    /// <summary>SQLite's file lives in a data folder that the portal creates itself (zero set-up).</summary>
    public void EnsureSqliteFolder()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(path) && path != ":memory:" && !string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
