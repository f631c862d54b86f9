using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// The output cache's store (memory, or Redis with <c>Live:Redis</c>) as the visitors' cache uses it:
/// <list type="bullet">
/// <item>a page is written only if nothing it shows changed while it was made, and evicted again if that happened while
/// it was written (<see cref="VisitorCacheFreshness"/>);</item>
/// <item>a store that fails (Redis down) is a miss, said once in the log, not an error per request;</item>
/// <item>an eviction that failed leaves pages that may be stale: before the store is read or written again, everything in
/// it is evicted once (a short Redis outage, or a network split, otherwise left them for <c>Live:CachedPageSeconds</c>).</item>
/// </list>
/// </summary>
internal sealed partial class VisitorCacheStore(
    IOutputCacheStore inner, VisitorCacheFreshness freshness, IHttpContextAccessor requests, ILogger<VisitorCacheStore> log)
    : IOutputCacheBufferStore, IDisposable
{
    private readonly IOutputCacheBufferStore? buffers = inner as IOutputCacheBufferStore;
    private int failing;
    private int owed; // failed evictions not yet made good by evicting everything

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
            Works();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Increment(ref owed);
            Fails(ex);
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!await SettledAsync())
        {
            return null;
        }

        try
        {
            var value = await inner.GetAsync(key, cancellationToken);
            Works();
            return value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fails(ex);
            return null;
        }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (buffers is null)
        {
            var value = await GetAsync(key, cancellationToken);
            if (value is not null)
            {
                await destination.WriteAsync(value, cancellationToken);
            }

            return value is not null;
        }

        if (!await SettledAsync())
        {
            return false;
        }

        try
        {
            var found = await buffers.TryGetAsync(key, destination, cancellationToken);
            Works();
            return found;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fails(ex);
            return false;
        }
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        KeepAsync(tags ?? [], () => inner.SetAsync(key, value, tags, validFor, cancellationToken), cancellationToken);

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var copied = tags.ToArray(); // the middleware lends its array only for this call
        return buffers is null
            ? KeepAsync(copied, () => inner.SetAsync(key, value.ToArray(), copied, validFor, cancellationToken), cancellationToken)
            : KeepAsync(copied, () => buffers.SetAsync(key, value, tags, validFor, cancellationToken), cancellationToken);
    }

    private async ValueTask KeepAsync(string[] tags, Func<ValueTask> write, CancellationToken cancellationToken)
    {
        var request = requests.HttpContext;
        if (!freshness.NothingEvictedSinceBegin(request, tags) || !await SettledAsync())
        {
            return;
        }

        try
        {
            await write();
            foreach (var tag in freshness.EvictedSinceBegin(request, tags).ToList())
            {
                await inner.EvictByTagAsync(tag, cancellationToken);
            }

            Works();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Written, perhaps, but not evicted again: owed like any failed eviction.
            Interlocked.Increment(ref owed);
            Fails(ex);
        }
    }

    /// <summary>True when no eviction is owed, or everything was just evicted to make good the ones that failed.</summary>
    private async ValueTask<bool> SettledAsync()
    {
        var seen = Volatile.Read(ref owed);
        if (seen == 0)
        {
            return true;
        }

        try
        {
            freshness.Evicting([VisitorCacheTags.Everything]);
            await inner.EvictByTagAsync(VisitorCacheTags.Everything, CancellationToken.None);
            Interlocked.CompareExchange(ref owed, 0, seen);
            LogMadeGood();
            Works();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fails(ex);
            return false;
        }
    }

    private void Works()
    {
        if (Volatile.Read(ref failing) == 1 && Interlocked.Exchange(ref failing, 0) == 1)
        {
            LogWorksAgain();
        }
    }

    private void Fails(Exception ex)
    {
        if (Interlocked.Exchange(ref failing, 1) == 0)
        {
            LogFails(ex);
        }
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The visitors' page cache cannot be reached: pages are made for every request until it answers again.")]
    private partial void LogFails(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "The visitors' page cache answers again.")]
    private partial void LogWorksAgain();

    [LoggerMessage(Level = LogLevel.Information, Message = "Evictions failed while the visitors' page cache was unreachable: every kept page was evicted.")]
    private partial void LogMadeGood();
}
