using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCare.Tests.Unit.Infrastructure;

/// <summary>
/// A page made while what it shows changed is never kept, whenever the change's eviction ran: before the page was written,
/// or while it was; an eviction that failed is made good before the store is read again; a failing store is a miss.
/// </summary>
public sealed class VisitorCacheStoreTests
{
    private static readonly string[] PostTags = ["post:7", VisitorCacheTags.Everything];

    private readonly FakeTimeProvider time = new();
    private readonly VisitorCacheFreshness freshness;
    private readonly DefaultHttpContext request = new();
    private readonly FakeStore inner = new();
    private readonly VisitorCacheStore store;

    public VisitorCacheStoreTests()
    {
        freshness = new(time);
        store = new(inner, freshness, new HttpContextAccessor { HttpContext = request }, NullLogger<VisitorCacheStore>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_whose_tags_were_not_evicted_while_it_was_made_is_kept()
    {
        freshness.Evicting(["post:7"]); // before the request began: the page read the change
        freshness.Begin(request);
        freshness.Evicting(["post:8"]);

        await store.SetAsync("page", [1], PostTags, TimeSpan.FromMinutes(10), Ct);

        Assert.NotNull(await store.GetAsync("page", Ct));
    }

    [Fact]
    public async Task A_page_one_of_whose_tags_was_evicted_while_it_was_made_is_not_kept()
    {
        freshness.Begin(request);
        freshness.Evicting(["post:7"]);

        Assert.False(freshness.NothingEvictedSinceBegin(request, PostTags));
        await store.SetAsync("page", [1], PostTags, TimeSpan.FromMinutes(10), Ct);

        Assert.Null(await store.GetAsync("page", Ct));
    }

    [Fact]
    public async Task A_page_one_of_whose_tags_was_evicted_while_it_was_written_is_evicted_again()
    {
        freshness.Begin(request);
        inner.WhileWriting = () => freshness.Evicting(["post:7"]); // the event's eviction ran before the write landed

        await store.SetAsync("page", [1], PostTags, TimeSpan.FromMinutes(10), Ct);

        Assert.Null(await store.GetAsync("page", Ct));
    }

    [Fact]
    public async Task A_page_that_took_longer_than_a_minute_to_make_is_not_kept()
    {
        freshness.Begin(request);
        time.Advance(TimeSpan.FromMinutes(2));

        await store.SetAsync("page", [1], PostTags, TimeSpan.FromMinutes(10), Ct);

        Assert.Null(await store.GetAsync("page", Ct));
    }

    [Fact]
    public async Task After_a_failed_eviction_everything_is_evicted_before_the_store_is_read_again()
    {
        freshness.Begin(request);
        await store.SetAsync("page", [1], PostTags, TimeSpan.FromMinutes(10), Ct);
        await store.SetAsync("other", [2], ["post:8", VisitorCacheTags.Everything], TimeSpan.FromMinutes(10), Ct);
        inner.Down = true;

        await store.EvictByTagAsync("post:7", Ct); // fails quietly: Redis is down
        var whileDown = await store.GetAsync("other", Ct);
        inner.Down = false;

        Assert.Null(whileDown);
        Assert.Null(await store.GetAsync("page", Ct));
        Assert.Null(await store.GetAsync("other", Ct)); // it may have shown the change too: nobody can tell now
        await store.SetAsync("again", [3], PostTags, TimeSpan.FromMinutes(10), Ct);
        Assert.Null(await store.GetAsync("again", Ct)); // made before the evictions were made good
        freshness.Begin(request);
        await store.SetAsync("again", [3], PostTags, TimeSpan.FromMinutes(10), Ct);
        Assert.NotNull(await store.GetAsync("again", Ct));
    }

    /// <summary>An output cache store in memory, with tags, that can be down like an unreachable Redis.</summary>
    private sealed class FakeStore : IOutputCacheStore
    {
        private readonly Dictionary<string, (byte[] Value, string[] Tags)> entries = [];

        public bool Down { get; set; }

        public Action? WhileWriting { get; set; }

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            ThrowIfDown();
            foreach (var key in entries.Where(e => e.Value.Tags.Contains(tag)).Select(e => e.Key).ToList())
            {
                entries.Remove(key);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
        {
            ThrowIfDown();
            return ValueTask.FromResult(entries.TryGetValue(key, out var entry) ? entry.Value : null);
        }

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            ThrowIfDown();
            WhileWriting?.Invoke();
            WhileWriting = null;
            entries[key] = (value, tags ?? []);
            return ValueTask.CompletedTask;
        }

        private void ThrowIfDown()
        {
            if (Down)
            {
                throw new InvalidOperationException("Redis is down.");
            }
        }
    }
}
