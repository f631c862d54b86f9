namespace CustomerCare.Benchmarks.Votes;

/// <summary>
/// Samples the thread pool while a run goes on, as dotnet-counters' threadpool-thread-count and
/// threadpool-queue-length would: a writer that sleeps on a pool thread (Microsoft.Data.Sqlite's busy retry)
/// shows as a pool that grows and a queue that waits.
/// </summary>
public sealed class ThreadPoolWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private int maxThreads;
    private long maxQueue;

    public ThreadPoolWatch() => sampling = SampleAsync(stop.Token);

    public override string ToString() =>
        $"thread pool: up to {maxThreads} threads, queue up to {maxQueue} work items";

    private async Task SampleAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                maxQueue = Math.Max(maxQueue, ThreadPool.PendingWorkItemCount);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }
}
