using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Admin;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Webhooks;

/// <summary>
/// Endpoints and their delivery log, for admins only (anyone else gets an <see cref="UnauthorizedAccessException"/>, as in
/// <see cref="AdminService"/>). A URL is checked when saved (the SSRF guard) and again at every send.
/// </summary>
public sealed class WebhookAdminService(
    IDbContextFactory<CareDb> dbs, WebhookTargets targets, WebhookSecrets secrets, WebhookPublisher publisher, TimeProvider time)
{
    public const int LogSize = 50;

    public async Task<IReadOnlyList<WebhookEndpointRow>> ListAsync(Viewer viewer, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(viewer, ct);
        var rows = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Url, e.Description, e.Events, e.IncludeInternal, e.CreatedAt, e.DisabledAt, e.DisabledReason, e.ConsecutiveFailures })
            .ToListAsync(ct);
        return [.. rows.Select(e => new WebhookEndpointRow(
            e.Id, e.Url, e.Description, WebhookEvents.Split(e.Events), e.IncludeInternal, e.CreatedAt, e.DisabledAt, e.DisabledReason, e.ConsecutiveFailures))];
    }

    /// <summary>Adds (<paramref name="id"/> null) or changes an endpoint; a new one gets its secret, returned this once.</summary>
    public async Task<WebhookSaveResult> SaveAsync(Viewer viewer, int? id, WebhookInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await AdminDbAsync(viewer, ct);
        var problem = await CheckAsync(input, ct);
        if (problem != WebhookInputProblem.None)
        {
            return new(problem);
        }

        var now = time.GetUtcNow().UtcDateTime;
        string? secret = null;
        WebhookEndpoint? endpoint;
        if (id is { } existing)
        {
            endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == existing, ct);
            if (endpoint is null)
            {
                return new(WebhookInputProblem.NotFound);
            }
        }
        else
        {
            secret = WebhookSecrets.New();
            endpoint = new WebhookEndpoint { Url = "", Events = "", ProtectedSecret = secrets.Protect(secret), CreatedAt = now, UpdatedAt = now };
            db.WebhookEndpoints.Add(endpoint);
        }

        endpoint.Url = input.Url.Trim();
        endpoint.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        endpoint.Events = WebhookEvents.Join(input.Events);
        endpoint.IncludeInternal = input.IncludeInternal;
        endpoint.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return new(WebhookInputProblem.None, endpoint.Id, secret);
    }

    /// <summary>A new secret, returned this once; the old one stops signing at once.</summary>
    public async Task<string?> RotateSecretAsync(Viewer viewer, int id, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(viewer, ct);
        var secret = WebhookSecrets.New();
        var protectedSecret = secrets.Protect(secret);
        var changed = await db.WebhookEndpoints.Where(e => e.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProtectedSecret, protectedSecret), ct);
        return changed == 1 ? secret : null;
    }

    /// <summary>Switching on starts the count of failures afresh; what waited goes out now.</summary>
    public async Task SetEnabledAsync(Viewer viewer, int id, bool enabled, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(viewer, ct);
        var now = time.GetUtcNow().UtcDateTime;
        await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.DisabledAt, enabled ? null : now)
            .SetProperty(e => e.DisabledReason, enabled ? null : "Switched off by an admin.")
            .SetProperty(e => e.ConsecutiveFailures, 0), ct);
        if (enabled)
        {
            publisher.Wake();
        }
    }

    public async Task DeleteAsync(Viewer viewer, int id, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(viewer, ct);
        await db.WebhookDeliveries.Where(d => d.EndpointId == id).ExecuteDeleteAsync(ct);
        await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteDeleteAsync(ct);
    }

    /// <summary>Queues a webhook.test event for the endpoint, whatever it subscribed to; false when there is no such endpoint.</summary>
    public async Task<bool> SendTestAsync(Viewer viewer, int id, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(viewer, ct);
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, ct))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var payload = WebhookPayloads.Envelope(WebhookEvents.Test, now, new() { ["message"] = "A test event from the portal's webhook settings." });
        var messageId = WebhookPublisher.NewMessageId();
        await WebhookPublisher.TryAddAsync(db, new WebhookDelivery
        {
            EndpointId = id, EventType = WebhookEvents.Test, DedupKey = $"{id}:{WebhookEvents.Test}:{messageId}", MessageId = messageId,
            Payload = payload, CreatedAt = now, NextAttemptAt = now,
        }, ct);
        publisher.Wake();
        return true;
    }

    public async Task<IReadOnlyList<WebhookDeliveryRow>> DeliveriesAsync(Viewer viewer, int endpointId, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(viewer, ct);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderByDescending(d => d.Id).Take(LogSize)
            .Select(d => new WebhookDeliveryRow(
                d.Id, d.EventType, d.MessageId, d.CreatedAt,
                d.DeliveredAt != null ? WebhookDeliveryStatus.Delivered
                    : d.GaveUpAt != null ? WebhookDeliveryStatus.Failed
                    : d.Attempts > 0 ? WebhookDeliveryStatus.Retrying : WebhookDeliveryStatus.Pending,
                d.Attempts, d.LastAttemptAt, d.NextAttemptAt, d.LastStatusCode, d.LastResponse, d.Payload))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Sends a logged delivery again as a new row of the log, with the same payload and webhook-id (a receiver that has
    /// it already can tell); the original row stays as it was.
    /// </summary>
    public async Task<bool> RedeliverAsync(Viewer viewer, long deliveryId, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(viewer, ct);
        var original = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (original is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var key = $"{original.EndpointId}:redelivery:{original.Id}:{now.Ticks}";
        await WebhookPublisher.TryAddAsync(db, new WebhookDelivery
        {
            EndpointId = original.EndpointId, EventType = original.EventType, DedupKey = key[..Math.Min(key.Length, WebhookDelivery.DedupKeyMaxLength)],
            MessageId = original.MessageId, Payload = original.Payload, PostId = original.PostId, ReplyId = original.ReplyId,
            CreatedAt = now, NextAttemptAt = now,
        }, ct);
        publisher.Wake();
        return true;
    }

    private async Task<WebhookInputProblem> CheckAsync(WebhookInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Url))
        {
            return WebhookInputProblem.UrlMissing;
        }

        if (input.Url.Trim().Length > WebhookEndpoint.UrlMaxLength)
        {
            return WebhookInputProblem.UrlInvalid;
        }

        if (input.Description?.Trim().Length > WebhookEndpoint.DescriptionMaxLength)
        {
            return WebhookInputProblem.DescriptionTooLong;
        }

        if (!input.Events.Any(WebhookEvents.All.Contains))
        {
            return WebhookInputProblem.NoEvents;
        }

        return await targets.CheckAsync(input.Url, ct) switch
        {
            TargetProblem.None => WebhookInputProblem.None,
            TargetProblem.HasCredentials => WebhookInputProblem.UrlHasCredentials,
            TargetProblem.Unresolvable => WebhookInputProblem.UrlUnresolvable,
            TargetProblem.InternalAddress => WebhookInputProblem.UrlInternal,
            _ => WebhookInputProblem.UrlInvalid,
        };
    }

    private async Task<CareDb> AdminDbAsync(Viewer viewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var db = await dbs.CreateDbContextAsync(ct);
        try
        {
            await AdminService.EnsureAdminAsync(viewer, db, ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
