using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Webhooks;

/// <summary>
/// The way in to the webhook outbox. The acting services call it after their commit, on the server that acted, as they
/// call <c>NotificationService.NotifyAsync</c> (not from the live bus, which with Redis every server hears). Each subscribed
/// endpoint gets a row of its own with the payload it may see; the unique key stores one event once per endpoint.
/// </summary>
public sealed partial class WebhookPublisher(
    IDbContextFactory<CareDb> dbs, WebhookPayloads payloads, IOptions<WebhookOptions> options, TimeProvider time,
    IHostEnvironment environment, ILogger<WebhookPublisher> log)
{
    private readonly WakeSignal wake = new(time);

    /// <summary>
    /// Stores the event for every endpoint that wants it and wakes the sender; returns how many rows it stored. The act
    /// is committed already, so a failure is logged and swallowed (thrown under the Testing environment, as notifications do).
    /// </summary>
    public Task<int> PublishAsync(WebhookTrigger trigger) => Guarded(trigger, () => EnqueueAsync(trigger, null));

    /// <summary>
    /// Votes come in bursts: all votes on one idea within <see cref="WebhookOptions.VoteBatch"/> make one event, sent when
    /// the window closes and carrying the newest count (each vote in the window rewrites the waiting row).
    /// </summary>
    public Task<int> VotesChangedAsync(int postId)
    {
        var window = options.Value.VoteBatch;
        var now = time.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Ticks - (now.Ticks % window.Ticks), DateTimeKind.Utc);
        var trigger = new WebhookTrigger(WebhookEvents.IdeaVotesChanged, postId, $"{postId}:{start.Ticks}");
        return Guarded(trigger, () => EnqueueAsync(trigger, start + window));
    }

    public void Wake() => wake.Ring();

    public Task WaitAsync(TimeSpan interval, CancellationToken ct) => wake.WaitAsync(interval, ct);

    public static string NewMessageId() => "msg_" + Guid.NewGuid().ToString("N");

    private async Task<int> Guarded(WebhookTrigger trigger, Func<Task<int>> enqueue)
    {
        try
        {
            return await enqueue();
        }
        catch (Exception ex) when (!environment.IsEnvironment("Testing"))
        {
            LogFailed(ex, trigger.Type, trigger.PostId);
            return 0;
        }
    }

    // sendAt: null sends at once; a time batches (the waiting row is rewritten with the newest payload until then).
    private async Task<int> EnqueueAsync(WebhookTrigger trigger, DateTime? sendAt)
    {
        var ct = CancellationToken.None;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoints = (await db.WebhookEndpoints.AsNoTracking().Where(e => e.DisabledAt == null)
                .Select(e => new { e.Id, e.Events, e.IncludeInternal }).ToListAsync(ct))
            .Where(e => WebhookEvents.Split(e.Events).Contains(trigger.Type)).ToList();
        if (endpoints.Count == 0)
        {
            return 0;
        }

        var bodies = await payloads.BuildAsync(trigger, ct);
        if (bodies is null)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var stored = 0;
        foreach (var endpoint in endpoints)
        {
            // A public endpoint never hears of a private complaint or an internal note, not even that one exists.
            var data = endpoint.IncludeInternal ? bodies.Internal : bodies.Public;
            if (data is null)
            {
                continue;
            }

            var key = $"{endpoint.Id}:{trigger.Type}:{trigger.Key}";
            var payload = WebhookPayloads.Envelope(trigger.Type, now, data);
            if (sendAt is not null && await db.WebhookDeliveries
                    .Where(d => d.DedupKey == key && d.Attempts == 0 && d.LockToken == null && d.DeliveredAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.Payload, payload), ct) > 0)
            {
                continue;
            }

            stored += await TryAddAsync(db, new WebhookDelivery
            {
                EndpointId = endpoint.Id, EventType = trigger.Type, DedupKey = key, MessageId = NewMessageId(), Payload = payload,
                PostId = trigger.PostId, ReplyId = trigger.ReplyId, CreatedAt = now, NextAttemptAt = sendAt ?? now,
            }, ct) ? 1 : 0;
        }

        if (stored > 0)
        {
            Wake();
        }

        return stored;
    }

    /// <summary>Stores the row unless its key is taken (by an earlier call or, between check and insert, another server).</summary>
    internal static async Task<bool> TryAddAsync(CareDb db, WebhookDelivery delivery, CancellationToken ct)
    {
        if (await db.WebhookDeliveries.AnyAsync(d => d.DedupKey == delivery.DedupKey, ct))
        {
            return false;
        }

        db.WebhookDeliveries.Add(delivery);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(delivery).State = EntityState.Detached;
            if (!await db.WebhookDeliveries.AnyAsync(d => d.DedupKey == delivery.DedupKey, ct))
            {
                throw;
            }

            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing webhook event {Type} for post {PostId} failed; the act itself stands")]
    private partial void LogFailed(Exception ex, string type, int postId);
}
