using CustomerCare.Data;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// What one pass of the retention job did: at most one batch of each kind. Never-confirmed accounts share one batch:
/// <see cref="AccountsDeleted"/> held nothing and are gone, <see cref="AccountsErased"/> held content and are tombstones.
/// </summary>
public sealed record RetentionPass(
    int SecurityEventsDropped, int MailsDropped, int AccountsDeleted, int AccountsErased, int ComplaintsAnonymized, int WebhookDeliveriesDropped = 0)
{
    /// <summary>Some kind filled its batch, so more may be waiting.</summary>
    public bool FilledABatch(int batchSize) =>
        SecurityEventsDropped >= batchSize || MailsDropped >= batchSize || AccountsDeleted + AccountsErased >= batchSize
        || ComplaintsAnonymized >= batchSize || WebhookDeliveriesDropped >= batchSize;
}

/// <summary>
/// Erases personal data past its retention period (<see cref="RetentionOptions"/>). Every statement is guarded by the
/// period's own condition, so two servers running it at once, or a run repeated, change nothing more than one run.
/// Each kind is worked in bounded batches (select the oldest ids, then erase those), which every provider runs without
/// raw SQL. A never-confirmed account that holds content is erased by <see cref="AccountDeletion"/>, as its owner
/// would erase it.
/// </summary>
public sealed partial class RetentionJob(
    IDbContextFactory<CareDb> dbs, AccountDeletion deletion, IOptions<RetentionOptions> options, TimeProvider time, IPictureStore pictures,
    ILiveBus bus, ILogger<RetentionJob> log)
{
    /// <summary>One pass: at most <see cref="RetentionOptions.BatchSize"/> rows of each kind; the next pass continues.</summary>
    public async Task<RetentionPass> RunOnceAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var batch = settings.BatchSize;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);

        var events = RetentionOptions.InForce(settings.DropSecurityEventsAfter) is { } eventsAfter
            ? await DropSecurityEventsAsync(db, now - eventsAfter, batch, ct)
            : 0;
        var mails = RetentionOptions.InForce(settings.DropSentMailsAfter) is { } mailsAfter
            ? await DropSentMailsAsync(db, now - mailsAfter, batch, ct)
            : 0;
        var hooks = RetentionOptions.InForce(settings.DropWebhookDeliveriesAfter) is { } hooksAfter
            ? await DropWebhookDeliveriesAsync(db, now - hooksAfter, batch, ct)
            : 0;
        var (accounts, erased) = RetentionOptions.InForce(settings.DeleteUnconfirmedAccountsAfter) is { } accountsAfter
            ? await DeleteNeverConfirmedAsync(db, now - accountsAfter, accountsAfter, batch, ct)
            : (0, 0);
        var complaints = 0;
        if (RetentionOptions.InForce(settings.AnonymizeClosedComplaintsAfter) is { } complaintsAfter
            && await ClosedComplaints.Due(db, now - complaintsAfter).AnyAsync(ct))
        {
            await FormerCustomer.EnsureAsync(dbs, now, ct);
            complaints = await ClosedComplaints.AnonymizeBatchAsync(db, now - complaintsAfter, now, batch, pictures, ct);
        }

        if (complaints > 0 || accounts > 0)
        {
            // An anonymized public complaint loses its customer's name and words, a deleted account its profile, with no
            // event of their own: visitors' kept copies of pages go (every page for complaints; their replies show anywhere).
            await bus.PublishAsync(new PublicPagesChanged([complaints > 0 ? VisitorCacheTags.Everything : VisitorCacheTags.People], now), ct);
        }

        var pass = new RetentionPass(events, mails, accounts, erased, complaints, hooks);
        LogPass(events, mails, hooks, accounts, erased, complaints);
        return pass;
    }

    // The security log's AccountDeleted event says why, for the admin who finds a tombstone nobody asked for.
    private async Task<(int Deleted, int Erased)> DeleteNeverConfirmedAsync(CareDb db, DateTime cutoff, TimeSpan after, int batch, CancellationToken ct)
    {
        var due = await NeverConfirmedAccounts.NextBatchAsync(db, cutoff, batch, ct);
        var reason = $"Retention: address not confirmed within {after} ({RetentionOptions.Section}:{nameof(RetentionOptions.DeleteUnconfirmedAccountsAfter)})";
        return await NeverConfirmedAccounts.DeleteAsync(db, deletion, due, cutoff, reason, ct);
    }

    private static async Task<int> DropSecurityEventsAsync(CareDb db, DateTime cutoff, int batch, CancellationToken ct)
    {
        var ids = await db.SecurityEvents.Where(e => e.OccurredAt < cutoff).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => e.Id).Take(batch).ToListAsync(ct);
        return ids.Count == 0 ? 0 : await db.SecurityEvents.Where(e => ids.Contains(e.Id) && e.OccurredAt < cutoff).ExecuteDeleteAsync(ct);
    }

    // Pending mails stay whatever their age: only what went out (or was given up) is past its use.
    private static async Task<int> DropSentMailsAsync(CareDb db, DateTime cutoff, int batch, CancellationToken ct)
    {
        var done = db.OutboxMails.Where(m => (m.SentAt != null && m.SentAt < cutoff) || (m.GaveUpAt != null && m.GaveUpAt < cutoff));
        var ids = await done.OrderBy(m => m.Id).Select(m => m.Id).Take(batch).ToListAsync(ct);
        return ids.Count == 0 ? 0 : await done.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
    }

    // Waiting and retrying events stay whatever their age, as pending mails do.
    private static async Task<int> DropWebhookDeliveriesAsync(CareDb db, DateTime cutoff, int batch, CancellationToken ct)
    {
        var done = db.WebhookDeliveries.Where(d => (d.DeliveredAt != null && d.DeliveredAt < cutoff) || (d.GaveUpAt != null && d.GaveUpAt < cutoff));
        var ids = await done.OrderBy(d => d.Id).Select(d => d.Id).Take(batch).ToListAsync(ct);
        return ids.Count == 0 ? 0 : await done.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention batch: {SecurityEvents} security events, {Mails} sent mails and {Hooks} webhook "
        + "deliveries dropped, {Accounts} empty never-confirmed accounts deleted, {Erased} with content erased as account deletion does, "
        + "{Complaints} closed complaints anonymized")]
    private partial void LogPass(int securityEvents, int mails, int hooks, int accounts, int erased, int complaints);
}

/// <summary>
/// Runs the retention job once a day on the host's <see cref="TimeProvider"/>: <see cref="RetentionOptions.FirstRunAfter"/>
/// after start, then every 24 hours. Each run works batch after batch (each logged) until every kind is done or
/// <see cref="RetentionOptions.MaxBatchesPerRun"/> is reached. Every server runs it; the job's guards make that safe.
/// </summary>
public sealed partial class RetentionWorker(RetentionJob job, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionWorker> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(24);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.FirstRunAfter, time, stoppingToken);
            using var timer = new PeriodicTimer(Interval, time);
            do
            {
                await RunAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        try
        {
            for (var batch = 1; batch <= settings.MaxBatchesPerRun; batch++)
            {
                if (!(await job.RunOnceAsync(ct)).FilledABatch(settings.BatchSize))
                {
                    return;
                }
            }

            LogRunCapped(settings.MaxBatchesPerRun);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One failed run (database briefly away) must not end the job for the life of the process.
            LogRunFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run stopped after {Batches} batches; the rest waits for the next run")]
    private partial void LogRunCapped(int batches);

    [LoggerMessage(Level = LogLevel.Error, Message = "The retention run failed; trying again at the next one")]
    private partial void LogRunFailed(Exception ex);
}
