using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Webhooks;

/// <summary>
/// Writes what an attempt came to, guarded by the claim's token: delivered; or failed and due again after the back-off;
/// or given up after the last attempt. An endpoint's failures in a row are counted atomically across servers; the one
/// update that switches it off (only while it is on) decides who tells the admins, so they are told once.
/// </summary>
public sealed partial class WebhookOutcomes(
    IDbContextFactory<CareDb> dbs, WebhookAlerts alerts, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookOutcomes> log)
{
    public async Task RecordAsync(WebhookDelivery delivery, Guid token, AttemptResult result)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(result);
        var now = time.GetUtcNow().UtcDateTime;
        var attempts = delivery.Attempts + 1;
        var response = result.Response.Length > WebhookDelivery.ResponseMaxLength ? result.Response[..WebhookDelivery.ResponseMaxLength] : result.Response;
        var giveUp = !result.Succeeded && attempts >= options.Value.MaxAttempts;
        // Not cancellable: the receiver has (or has not) the event; forgetting the outcome now would send it again.
        var ct = CancellationToken.None;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var written = await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LockToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.LastStatusCode, result.StatusCode)
                .SetProperty(d => d.LastResponse, response)
                .SetProperty(d => d.DeliveredAt, result.Succeeded ? now : null)
                .SetProperty(d => d.GaveUpAt, giveUp ? now : null)
                .SetProperty(d => d.NextAttemptAt, result.Succeeded ? delivery.NextAttemptAt : now + options.Value.BackoffAfter(attempts))
                .SetProperty(d => d.LockToken, (Guid?)null)
                .SetProperty(d => d.LockedUntil, (DateTime?)null), ct);
        if (written == 0)
        {
            return;
        }

        var endpoint = db.WebhookEndpoints.Where(e => e.Id == delivery.EndpointId);
        if (result.Succeeded)
        {
            await endpoint.Where(e => e.ConsecutiveFailures != 0).ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, 0), ct);
            return;
        }

        LogFailed(delivery.Id, delivery.EndpointId, attempts, result.StatusCode, giveUp);
        await endpoint.ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsecutiveFailures, e => e.ConsecutiveFailures + 1), ct);
        var limit = options.Value.DisableAfterFailures;
        var reason = $"Switched off after {limit} failed attempts in a row; the last: {(result.StatusCode is { } code ? $"HTTP {code}" : response)}";
        reason = reason.Length > WebhookEndpoint.ReasonMaxLength ? reason[..WebhookEndpoint.ReasonMaxLength] : reason;
        if (await endpoint.Where(e => e.DisabledAt == null && e.ConsecutiveFailures >= limit)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.DisabledAt, now).SetProperty(e => e.DisabledReason, reason), ct) == 1)
        {
            LogDisabled(delivery.EndpointId, limit);
            await alerts.EndpointDisabledAsync(delivery.EndpointId, now);
        }
    }

    public async Task ReleaseAsync(IEnumerable<long> ids, Guid token, CancellationToken ct)
    {
        var list = ids.ToList();
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.WebhookDeliveries.Where(d => list.Contains(d.Id) && d.LockToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockToken, (Guid?)null).SetProperty(d => d.LockedUntil, (DateTime?)null), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to endpoint {EndpointId} failed on attempt {Attempts} (HTTP {Status}); given up: {GaveUp}")]
    private partial void LogFailed(long deliveryId, int endpointId, int attempts, int? status, bool gaveUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} was switched off after {Failures} failed attempts in a row; admins are told by mail")]
    private partial void LogDisabled(int endpointId, int failures);
}
