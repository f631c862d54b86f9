using CustomerCare.Data;
using CustomerCare.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Providers;

/// <summary>
/// SQLite writers queue at the write gate instead of racing for the database's lock. Without the gate, the second
/// BEGIN IMMEDIATE below would block its thread in Microsoft.Data.Sqlite's busy retry and fail with SQLITE_BUSY
/// (the first writer never finishes while the test waits), so these tests fail; with it, the second writer waits,
/// asynchronously, for its turn.
/// </summary>
public sealed class SqliteWriteGateTests(PortalFactory portal) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "customercare-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_writer_waits_for_the_first_and_then_writes()
    {
        var dbs = portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();
        await using var first = await dbs.CreateDbContextAsync(Ct);
        await using var second = await dbs.CreateDbContextAsync(Ct);

        var held = await first.BeginWriteTransactionAsync(Ct);
        var waiting = second.BeginWriteTransactionAsync(Ct);
        Assert.False(waiting.IsCompleted);

        // Disposed without a commit: rolled back, and the turn passes on.
        await held.DisposeAsync();
        await using var next = await waiting;
        await next.CommitAsync(Ct);
    }

    [Fact]
    public async Task Writers_to_different_databases_do_not_wait_for_each_other()
    {
        var gate = new SqliteWriteGate();
        await using var one = Open("one.db", gate);
        await using var other = Open("other.db", gate);
        await using var sameAsOne = Open("one.db", gate);

        await using var held = await one.BeginWriteTransactionAsync(Ct);
        await using (var elsewhere = await other.BeginWriteTransactionAsync(Ct))
        {
            await elsewhere.CommitAsync(Ct);
        }

        var waiting = sameAsOne.BeginWriteTransactionAsync(Ct);
        Assert.False(waiting.IsCompleted);
        await held.CommitAsync(Ct);
        await held.DisposeAsync();
        await using var next = await waiting;
    }

    [Fact]
    public async Task A_writer_that_gives_up_waiting_takes_no_turn()
    {
        var gate = new SqliteWriteGate();
        await using var first = Open("one.db", gate);
        await using var impatient = Open("one.db", gate);
        await using var third = Open("one.db", gate);

        var held = await first.BeginWriteTransactionAsync(Ct);
        using (var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            var waiting = impatient.BeginWriteTransactionAsync(giveUp.Token);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }

        // The first writer still holds the only turn: the third waits for it, not for the one that gave up.
        var queued = third.BeginWriteTransactionAsync(Ct);
        Assert.False(queued.IsCompleted);
        await held.DisposeAsync();
        await using var next = await queued;
    }

    [Fact]
    public async Task Every_connection_writes_ahead_to_the_log_without_a_flush_per_commit()
    {
        await using var db = Open("pragmas.db", new SqliteWriteGate());
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();

        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct));
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(1L, await command.ExecuteScalarAsync(Ct)); // NORMAL; the default is FULL (2)
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(30000L, await command.ExecuteScalarAsync(Ct));
    }

    private CareDb Open(string name, SqliteWriteGate gate)
    {
        Directory.CreateDirectory(folder);
        var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, name), DefaultTimeout = 10 }.ToString();
        var options = new DbContextOptionsBuilder<CareDb>();
        options.UseCareDatabase(DatabaseProvider.Sqlite, connection).AddInterceptors(gate);
        return new CareDb(options.Options);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
