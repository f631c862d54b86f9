using System.Globalization;
using System.Text;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace CustomerCare.Web.Features.Webhooks;

/// <summary>
/// Sends what is due in the webhook outbox, the way <c>MailSender</c> sends mail: a batch is claimed with a lease (a
/// conditional update, only rows nobody holds), so two servers never send one delivery twice; the outcome is written
/// guarded by the claim's token. Each attempt is signed afresh (Standard Webhooks: webhook-id, webhook-timestamp,
/// webhook-signature) and bounded by <see cref="WebhookOptions.Timeout"/>; failures back off exponentially
/// (<see cref="WebhookOutcomes"/> records them and switches off an endpoint that keeps failing).
/// </summary>
public sealed partial class WebhookSender(
    IDbContextFactory<CareDb> dbs, IHttpClientFactory clients, WebhookSecrets secrets, WebhookOutcomes outcomes,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> log)
{
    public const string ClientName = "webhooks";

    private WebhookOptions Options => options.Value;

    /// <summary>Claims and sends one batch; returns how many deliveries it attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var token = Guid.NewGuid();
        var claimed = await ClaimAsync(token, ct);
        for (var i = 0; i < claimed.Count; i++)
        {
            var (delivery, url, protectedSecret) = claimed[i];
            // Never send on a lease about to run out: another server may take the delivery after it.
            if (time.GetUtcNow().UtcDateTime > delivery.LockedUntil!.Value - Options.Timeout)
            {
                await outcomes.ReleaseAsync(claimed.Skip(i).Select(c => c.Delivery.Id), token, ct);
                break;
            }

            var result = await SendAsync(delivery, url, protectedSecret, ct);
            await outcomes.RecordAsync(delivery, token, result);
        }

        return claimed.Count;
    }

    /// <summary>Takes up to a batch of due deliveries of enabled endpoints that nobody holds; the update re-checks that per row.</summary>
    internal async Task<IReadOnlyList<(WebhookDelivery Delivery, string Url, string Secret)>> ClaimAsync(Guid token, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = db.WebhookDeliveries.Where(d => d.DeliveredAt == null && d.GaveUpAt == null && d.NextAttemptAt <= now
            && (d.LockedUntil == null || d.LockedUntil < now));
        var ids = await due.Where(d => d.Endpoint!.DisabledAt == null)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(Options.BatchSize).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return [];
        }

        await due.Where(d => ids.Contains(d.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LockToken, token).SetProperty(d => d.LockedUntil, now + Options.LeaseDuration), ct);
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.LockToken == token).OrderBy(d => d.Id)
            .Select(d => new { Delivery = d, d.Endpoint!.Url, d.Endpoint.ProtectedSecret }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Delivery, r.Url, r.ProtectedSecret))];
    }

    private async Task<AttemptResult> SendAsync(WebhookDelivery delivery, string url, string protectedSecret, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            var timestamp = time.GetUtcNow();
            var signature = new StandardWebhook(secrets.Unprotect(protectedSecret)).Sign(delivery.MessageId, timestamp, delivery.Payload);
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("webhook-id", delivery.MessageId);
            request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", signature);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadStartAsync(response, timeout.Token);
            return new((int)response.StatusCode, body, response.IsSuccessStatusCode);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(null, $"No answer within {Options.Timeout.TotalSeconds:0.#} s (timed out).", false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever went wrong (refused target, connection reset, a secret Data Protection cannot read) is this attempt's
            // failure, recorded and retried; an escaping exception would leave the row leased and retried without a trace.
            LogAttemptFailed(delivery.Id, ex.Message);
            return new(null, (ex.InnerException as WebhookTargetRefusedException ?? ex).Message, false);
        }
    }

    // The log keeps the start of the answer only: a receiver may answer with anything, of any length.
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new char[WebhookDelivery.ResponseMaxLength];
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} failed: {Error}")]
    private partial void LogAttemptFailed(long deliveryId, string error);
}

/// <summary>One attempt: the receiver's status (null without an answer), the start of its answer or the reason, success.</summary>
public sealed record AttemptResult(int? StatusCode, string Response, bool Succeeded);
