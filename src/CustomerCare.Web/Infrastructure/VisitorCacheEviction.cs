using CustomerCare.Data;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Hears every live event on this server (with Redis, every server's) and evicts the visitors' pages it makes stale
/// (<see cref="VisitorCacheTags.Of"/>). The publisher waits for it, as it waits for the bus: when a vote or a reply has
/// been answered, no visitor is served the page from before it. With Redis every server evicts from the one shared store;
/// the repetition costs a few round trips and closes the gap of a server that stored a page just before it heard the event.
/// </summary>
internal sealed partial class VisitorCacheEviction(
    ILiveBus bus, IOutputCacheStore store, VisitorCacheFreshness freshness, IDbContextFactory<CareDb> dbs, ILogger<VisitorCacheEviction> log)
    : IHostedService, IDisposable
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = bus.SubscribeAll(EvictAsync);
        // Connects the store (Redis) now, in the background, rather than in the first visitor's request.
        _ = Task.Run(async () => await store.GetAsync("cc:connect", CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => Interlocked.Exchange(ref subscription, null)?.Dispose();

    internal async Task EvictAsync(LiveEvent liveEvent)
    {
        IReadOnlyList<string> tags;
        try
        {
            tags = await VisitorCacheTags.Of(liveEvent, AuthorOfReplyAsync);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not knowing whose pages the event touched, every visitor's page goes.
            LogUnmapped(ex, liveEvent.GetType().Name);
            tags = [VisitorCacheTags.Everything];
        }

        if (tags.Count == 0)
        {
            return;
        }

        freshness.Evicting(tags);
        foreach (var tag in tags)
        {
            // A store that cannot evict (Redis down) owes it and evicts everything before it is read again (VisitorCacheStore).
            await store.EvictByTagAsync(tag, CancellationToken.None);
        }
    }

    private async ValueTask<string?> AuthorOfReplyAsync(long replyId)
    {
        await using var db = await dbs.CreateDbContextAsync();
        return await db.Replies.AsNoTracking().Where(r => r.Id == replyId).Select(r => r.AuthorId).FirstOrDefaultAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell which visitors' pages {Event} makes stale: all of them are evicted.")]
    private partial void LogUnmapped(Exception ex, string @event);
}
