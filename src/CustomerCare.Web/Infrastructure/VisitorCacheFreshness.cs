using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Keeps a page that was being made while what it shows changed out of the cache. The page read the database before the
/// change; the change's event evicted its tags before the page was stored; stored afterwards, it would stay stale until
/// the next event. Every eviction is stamped first (<see cref="Evicting"/>); a page is kept only when none of its tags was
/// stamped since its request began (<see cref="NothingEvictedSinceBegin"/>), and <see cref="VisitorCacheStore"/> evicts
/// once more what was stamped while the page was being written (a Redis round trip).
/// </summary>
internal sealed class VisitorCacheFreshness(TimeProvider time)
{
    /// <summary>A page that took longer to make is not kept; stamps older than this are forgotten.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private const string BeginKey = "cc:visitor-cache-begin";
    private const int ForgetAbove = 1024;

    private readonly ConcurrentDictionary<string, Stamp> evicted = new(StringComparer.Ordinal);
    private long generation;
    private long lastForgotten;

    public void Begin(HttpContext http) => http.Items[BeginKey] = new Stamp(Interlocked.Read(ref generation), time.GetTimestamp());

    /// <summary>Called before the store evicts <paramref name="tags"/>.</summary>
    public void Evicting(IEnumerable<string> tags)
    {
        var stamp = new Stamp(Interlocked.Increment(ref generation), time.GetTimestamp());
        foreach (var tag in tags)
        {
            evicted[tag] = stamp;
        }

        if (evicted.Count > ForgetAbove && time.GetElapsedTime(Interlocked.Read(ref lastForgotten)) > TimeSpan.FromSeconds(1))
        {
            Interlocked.Exchange(ref lastForgotten, stamp.At);
            foreach (var (tag, old) in evicted)
            {
                if (time.GetElapsedTime(old.At) > Longest)
                {
                    evicted.TryRemove(new KeyValuePair<string, Stamp>(tag, old));
                }
            }
        }
    }

    /// <summary>False for a request whose page may be stale: a tag of it was evicted since it began, or it began too long ago.</summary>
    public bool NothingEvictedSinceBegin(HttpContext? http, IEnumerable<string> tags) =>
        http?.Items[BeginKey] is Stamp begin && time.GetElapsedTime(begin.At) < Longest && !EvictedSince(begin, tags).Any();

    /// <summary>The tags of this request's page evicted since it began (none when it is not a cached visitor's page).</summary>
    public IEnumerable<string> EvictedSinceBegin(HttpContext? http, IEnumerable<string> tags) =>
        http?.Items[BeginKey] is Stamp begin ? EvictedSince(begin, tags) : [];

    private IEnumerable<string> EvictedSince(Stamp begin, IEnumerable<string> tags) =>
        tags.Where(tag => evicted.TryGetValue(tag, out var stamp) && stamp.Generation > begin.Generation);

    private sealed record Stamp(long Generation, long At);
}

/// <summary>
/// The output cache's store (memory, or Redis with <c>Live:Redis</c>) as the visitors' cache uses it: a page is written
/// only if nothing it shows changed while it was made, and evicted again if that happened while it was written; a store
/// that fails (Redis down) is a miss, said once in the log, not an error per request.
/// </summary>
internal sealed partial class VisitorCacheStore(
    IOutputCacheStore inner, VisitorCacheFreshness freshness, IHttpContextAccessor requests, ILogger<VisitorCacheStore> log)
    : IOutputCacheBufferStore, IDisposable
{
    private readonly IOutputCacheBufferStore? buffers = inner as IOutputCacheBufferStore;
    private int failing;

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
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
        if (!freshness.NothingEvictedSinceBegin(request, tags))
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
            Fails(ex);
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
}
