using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>A mail ready to go out; <see cref="DedupKey"/> names the event, so the same event is mailed once.</summary>
public sealed record OutgoingMail(
    string DedupKey, string? UserId, string ToAddress, string? ToName, string Subject, string TextBody, string HtmlBody,
    string? UnsubscribeUrl = null);

/// <summary>
/// The way in to the outbox: a mail is a row first (it survives a restart), and the sender is woken so that it goes
/// out within moments. The unique DedupKey makes enqueueing idempotent on every provider.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the mail outbox.")]
public sealed partial class MailQueue(IDbContextFactory<CareDb> dbs, TimeProvider time, ILogger<MailQueue> log)
{
    private readonly WakeSignal wake = new(time);

    /// <summary>Stores the mail unless one with its DedupKey exists; true when this call stored it.</summary>
    public async Task<bool> EnqueueAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.OutboxMails.AnyAsync(m => m.DedupKey == mail.DedupKey, ct))
        {
            return false;
        }

        db.OutboxMails.Add(ToRow(mail, time.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await ExistsAsync(mail.DedupKey, ct))
            {
                throw;
            }

            // Another call stored the same key between the check and the insert: the unique index kept one.
            LogDuplicate(mail.DedupKey);
            return false;
        }

        Wake();
        return true;
    }

    /// <summary>Adds the mail to a caller's context, so it is stored in the caller's transaction; call <see cref="Wake"/> after commit.</summary>
    public static void Add(CareDb db, OutgoingMail mail, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.OutboxMails.Add(ToRow(mail, now));
    }

    public void Wake() => wake.Ring();

    /// <summary>Returns when something was enqueued or after <paramref name="interval"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan interval, CancellationToken ct) => wake.WaitAsync(interval, ct);

    private async Task<bool> ExistsAsync(string key, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.OutboxMails.AnyAsync(m => m.DedupKey == key, ct);
    }

    private static OutboxMail ToRow(OutgoingMail mail, DateTime now) => new()
    {
        DedupKey = mail.DedupKey,
        UserId = mail.UserId,
        ToAddress = mail.ToAddress,
        ToName = mail.ToName is { Length: > 80 } name ? name[..80] : mail.ToName,
        Subject = mail.Subject.Length > OutboxMail.SubjectMaxLength ? mail.Subject[..OutboxMail.SubjectMaxLength] : mail.Subject,
        TextBody = mail.TextBody,
        HtmlBody = mail.HtmlBody,
        UnsubscribeUrl = mail.UnsubscribeUrl,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {DedupKey} was already queued; stored once")]
    private partial void LogDuplicate(string dedupKey);
}
