using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerCare.Data;

/// <summary>
/// Every SQLite connection the portal opens runs in write-ahead-log mode with synchronous=NORMAL and SQLite's own
/// busy handler. WAL lets readers go on while one writer commits (the board keeps loading during a vote storm);
/// NORMAL appends a commit to the log without an fsync of its own, so a commit costs no disk flush: the database
/// stays consistent after a crash of the process or the machine, and at worst the last commits before a power
/// loss are not in it (the documented trade for an embedded default; production runs SQL Server). busy_timeout
/// makes a writer that meets the lock wait inside SQLite in short steps instead of failing back to
/// Microsoft.Data.Sqlite, whose retry loop sleeps 150 ms per attempt. mmap_size lets a connection read the file's pages
/// through the operating system's page cache (up to 256 MiB of it) instead of copying each into its own small cache:
/// reads that walk many pages, and parallel readers on their own connections (the insights), stop paying a read call
/// per page (docs/benchmarks.md, insights run 4). Stateless: one instance serves every context.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    // journal_mode is stored in the file (a no-op once set); synchronous, busy_timeout and mmap_size belong to the connection.
    private const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA mmap_size = 268435456;";

    private SqliteConnectionSetup()
    {
    }

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
