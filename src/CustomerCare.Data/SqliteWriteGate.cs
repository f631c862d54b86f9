using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CustomerCare.Data;

/// <summary>
/// One writer at a time per SQLite database, queued in process before BEGIN. SQLite has one write lock per file:
/// a writer that loses the race for it gets SQLITE_BUSY, and Microsoft.Data.Sqlite retries with a blocking 150 ms
/// sleep on a pool thread while the lock may already be free. Awaiting a semaphore instead hands the lock from one
/// writer to the next with no sleep and no blocked thread. One per host (a DI singleton, handed to the context
/// options as an interceptor so <see cref="WriteTransactions"/> finds it), one semaphore per connection string, so
/// hosts and tests with their own database files never wait for each other. PostgreSQL and SQL Server lock rows,
/// not the database: there it does nothing.
/// </summary>
public sealed class SqliteWriteGate : IInterceptor
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    internal static SemaphoreSlim? For(CareDb db)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var gate = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
            .OfType<SqliteWriteGate>().FirstOrDefault();
        return gate?.gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
    }
}

public static class WriteTransactions
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Begins a transaction that writes; on SQLite it first waits its turn at the <see cref="SqliteWriteGate"/> and
    /// holds it until the transaction is disposed. A flow that holds a write transaction must not begin another on
    /// a second context (it would wait for itself): after the command timeout that fails, as SQLITE_BUSY would.
    /// </summary>
    public static async Task<WriteTransaction> BeginWriteTransactionAsync(this CareDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var gate = SqliteWriteGate.For(db);
        if (gate is not null)
        {
            var wait = db.Database.GetCommandTimeout() is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultWait;
            if (!await gate.WaitAsync(wait, ct))
            {
                throw new TimeoutException($"Waited {wait.TotalSeconds:F0} s for SQLite's write lock: another write transaction held it that long, or this flow already holds it.");
            }
        }

        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(ct), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }
}

/// <summary>A database transaction that gives its turn at the SQLite write gate back when disposed.</summary>
public sealed class WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    private SemaphoreSlim? held = gate;

    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct) => transaction.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Disposing rolls back what was not committed: the next writer must not meet this one's lock.
            await transaction.DisposeAsync();
        }
        finally
        {
            Interlocked.Exchange(ref held, null)?.Release();
        }
    }
}
