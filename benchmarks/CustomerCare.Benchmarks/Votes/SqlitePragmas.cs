using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerCare.Benchmarks.Votes;

/// <summary>
/// The experiment beside the portal as shipped: every SQLite connection in write-ahead-log mode with
/// synchronous=NORMAL (a commit appends to the log without an fsync; durable at checkpoints) and SQLite's own
/// busy handler (busy_timeout), which waits for the write lock inside SQLite instead of failing back to
/// Microsoft.Data.Sqlite, whose retry loop sleeps 150 ms per attempt.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is SqliteConnection)
        {
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = Pragmas;
            pragmas.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is SqliteConnection)
        {
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = Pragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
