using CustomerCare.Data;
using CustomerCare.Data.Entities;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>
/// Sends what is due in the outbox. A batch is claimed with a lease (a conditional update: only rows nobody holds),
/// so two servers never send the same mail; each mail is marked sent right after the server accepted it, guarded by
/// the claim's token. Failures back off exponentially; a refused address (5xx) or the last attempt gives up, but a server that
/// cannot be reached (or a pickup folder that cannot be written) never makes a mail give up: it waits for the outage.
/// </summary>
public sealed partial class MailSender(
    IDbContextFactory<CareDb> dbs, MailTransport transport, IOptions<MailOptions> options, TimeProvider time, ILogger<MailSender> log)
{
    private int smtpDown;

    private MailOptions Options => options.Value;

    /// <summary>Claims and sends one batch; returns how many mails it handled (sent, failed or given up).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var token = Guid.NewGuid();
        var claimed = await ClaimAsync(token, ct);
        if (claimed.Count == 0)
        {
            return 0;
        }

        await using var session = transport.Open();
        for (var i = 0; i < claimed.Count; i++)
        {
            var mail = claimed[i];
            // Never send on a lease about to run out: another server may take the mail after it.
            if (time.GetUtcNow().UtcDateTime > mail.LockedUntil!.Value - Options.Smtp.Timeout)
            {
                await ReleaseAsync(claimed.Skip(i), token, ct);
                break;
            }

            try
            {
                await session.SendAsync(mail, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (MailTransport.IsUnreachable(ex))
                {
                    // The server is away: every mail of this batch waits, and the log says so once, not per mail.
                    NoteDown(ex);
                    foreach (var waiting in claimed.Skip(i))
                    {
                        await FailAsync(waiting, token, ex, permanent: false, ct);
                    }

                    return claimed.Count;
                }

                await FailAsync(mail, token, ex, MailTransport.IsPermanentRefusal(ex), ct);
                continue;
            }

            await MarkSentAsync(mail, token);
            NoteUp();
        }

        return claimed.Count;
    }

    /// <summary>Takes up to a batch of due mails that nobody holds; the update re-checks that per row, atomically.</summary>
    internal async Task<IReadOnlyList<OutboxMail>> ClaimAsync(Guid token, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + Options.LeaseDuration;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = db.OutboxMails.Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now
            && (m.LockedUntil == null || m.LockedUntil < now));
        var ids = await due.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(Options.BatchSize).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return [];
        }

        await due.Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockToken, token).SetProperty(m => m.LockedUntil, until), ct);
        return await db.OutboxMails.AsNoTracking().Where(m => m.LockToken == token).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private async Task MarkSentAsync(OutboxMail mail, Guid token)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
        // Not cancellable: the server has the mail; forgetting that now would send it again.
        await db.OutboxMails.Where(m => m.Id == mail.Id && m.LockToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LockToken, (Guid?)null)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
        LogSent(mail.Id, mail.DedupKey);
    }

    private async Task FailAsync(OutboxMail mail, Guid token, Exception ex, bool permanent, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var attempts = mail.Attempts + 1;
        // A server (or folder) that is away says nothing about the mail: however long the outage, the mail waits.
        var giveUp = permanent || (ex is not MailTransportUnavailableException && attempts >= Options.MaxAttempts);
        var error = MailTransport.Describe(ex);
        if (error.Length > OutboxMail.ErrorMaxLength)
        {
            error = error[..OutboxMail.ErrorMaxLength];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.OutboxMails.Where(m => m.Id == mail.Id && m.LockToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.NextAttemptAt, now + Options.BackoffAfter(attempts))
                .SetProperty(m => m.GaveUpAt, giveUp ? now : null)
                .SetProperty(m => m.LockToken, (Guid?)null)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), ct);
        if (permanent)
        {
            LogRefused(mail.Id, mail.DedupKey, error);
        }
        else if (giveUp)
        {
            LogGaveUp(mail.Id, mail.DedupKey, attempts, error);
        }
        else if (!MailTransport.IsUnreachable(ex))
        {
            LogRetry(mail.Id, mail.DedupKey, attempts, error);
        }
    }

    private async Task ReleaseAsync(IEnumerable<OutboxMail> mails, Guid token, CancellationToken ct)
    {
        var ids = mails.Select(m => m.Id).ToList();
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.OutboxMails.Where(m => ids.Contains(m.Id) && m.LockToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockToken, (Guid?)null).SetProperty(m => m.LockedUntil, (DateTime?)null), ct);
    }

    private void NoteDown(Exception ex)
    {
        if (Interlocked.Exchange(ref smtpDown, 1) == 0)
        {
            if (Options.UsesSmtp)
            {
                LogDown(Options.Smtp.Host, Options.Smtp.Port, MailTransport.Describe(ex));
            }
            else
            {
                LogPickupFailed(Path.GetFullPath(Options.PickupDirectory), MailTransport.Describe(ex.InnerException ?? ex));
            }
        }
    }

    private void NoteUp()
    {
        if (Interlocked.Exchange(ref smtpDown, 0) == 1)
        {
            if (Options.UsesSmtp)
            {
                LogRecovered(Options.Smtp.Host, Options.Smtp.Port);
            }
            else
            {
                LogPickupRecovered(Path.GetFullPath(Options.PickupDirectory));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {MailId} ({DedupKey}) sent")]
    private partial void LogSent(long mailId, string dedupKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server {Host}:{Port} cannot be reached ({Error}); mails wait in the outbox and are retried with back-off")]
    private partial void LogDown(string host, int port, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The mail server {Host}:{Port} accepts mail again; the outbox is being sent")]
    private partial void LogRecovered(string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The pickup folder {Folder} cannot be written ({Error}); mails wait in the outbox and are retried with back-off")]
    private partial void LogPickupFailed(string folder, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The pickup folder {Folder} can be written again; the outbox is being written out")]
    private partial void LogPickupRecovered(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailId} ({DedupKey}) failed on attempt {Attempts} and will be retried: {Error}")]
    private partial void LogRetry(long mailId, string dedupKey, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} ({DedupKey}) was refused for good and will not be retried: {Error}")]
    private partial void LogRefused(long mailId, string dedupKey, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} ({DedupKey}) gave up after {Attempts} attempts: {Error}")]
    private partial void LogGaveUp(long mailId, string dedupKey, int attempts, string error);
}
