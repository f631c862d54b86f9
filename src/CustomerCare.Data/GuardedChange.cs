using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Data;

public static class GuardedChange
{
    /// <summary>
    /// Runs a guarded update (its WHERE holds the state the decision was made on) and, only if it changed a
    /// row, adds <paramref name="record"/> — the history or audit row that explains it — in the same
    /// transaction, so a change and its record stand or fall together. Returns false, with nothing written,
    /// when the guard matched no row (someone else changed it first).
    /// </summary>
    public static async Task<bool> ChangeAndRecordAsync<TRecord>(
        this CareDb db, Func<CareDb, CancellationToken, Task<int>> change, TRecord record, CancellationToken ct)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.BeginWriteTransactionAsync(ct);
            if (await change(db, ct) == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }

            db.ChangeTracker.Clear();
            db.Add(record);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        });
    }
}
