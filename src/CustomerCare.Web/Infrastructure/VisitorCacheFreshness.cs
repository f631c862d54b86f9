using System.Collections.Concurrent;

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
