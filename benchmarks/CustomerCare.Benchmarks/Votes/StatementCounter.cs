using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerCare.Benchmarks.Votes;

/// <summary>
/// Counts what a run sends to the database through EF Core: commands, BEGIN, COMMIT and savepoints, each one
/// statement and one round through the provider. Divided by the toggles, it is the statements per vote.
/// </summary>
public sealed class StatementCounter : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private long statements;
    private long commits;

    public long Statements => Interlocked.Read(ref statements);

    /// <summary>COMMITs: toggles divided by these is how many toggles share a transaction (group commit on SQLite).</summary>
    public long Commits => Interlocked.Read(ref commits);

    public void Reset()
    {
        Interlocked.Exchange(ref statements, 0);
        Interlocked.Exchange(ref commits, 0);
    }

    private void Count() => Interlocked.Increment(ref statements);

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Count();
        Interlocked.Increment(ref commits);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }
}
