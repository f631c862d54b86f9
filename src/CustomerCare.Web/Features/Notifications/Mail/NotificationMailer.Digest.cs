using System.Globalization;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Notifications.Mail;

public sealed partial class NotificationMailer
{
    public const int DigestUsersPerRun = 50;

    /// <summary>The digest's key: one per person and local day, so a day's digest is stored once whatever runs it.</summary>
    public static string DigestKey(string userId, DateOnly day) => $"digest:{userId}:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// From the configured hour in the configured zone: one mail per person with digest notifications not yet mailed,
    /// grouped by post; returns how many digests were queued. Notifications that arrive after today's digest wait for
    /// tomorrow's.
    /// </summary>
    public async Task<int> MailDigestsAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var mail = options.Value;
        var local = TimeZoneInfo.ConvertTime(now, mail.DigestZone);
        if (local.Hour < mail.DigestHour)
        {
            return 0;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        var suffix = ":" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var utcNow = now.UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var pending = Pending(db, utcNow - DigestWindow, MailDelivery.DailyDigest).Where(n => n.CreatedAt <= utcNow);
        var userIds = await pending
            .Where(n => !db.OutboxMails.Any(m => m.DedupKey == "digest:" + n.UserId + suffix))
            .Select(n => n.UserId).Distinct().OrderBy(id => id).Take(DigestUsersPerRun).ToListAsync(ct);
        var queued = 0;
        foreach (var userId in userIds)
        {
            var items = (await DueAsync(db, pending.Where(n => n.UserId == userId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(BatchSize), ct))
                .ConvertAll(d => d.Item);
            var recipients = await RecipientsAsync(db, [userId], items.Select(i => i.Facts.PostId), ct);
            if (!recipients.TryGetValue(userId, out var to))
            {
                continue;
            }

            var visible = items.Where(i => to.Sees.Contains(i.Facts.PostId)).ToList();
            if (visible.Count > 0 && await MarkAndEnqueueAsync(db, visible, Digest(to, visible, day), utcNow, ct))
            {
                queued++;
            }
        }

        if (queued > 0)
        {
            queue.Wake();
        }

        return queued;
    }

    private OutgoingMail Digest(Recipient to, List<NotificationItem> items, DateOnly day)
    {
        var culture = MailStrings.CultureFor(to.Language);
        var sections = items
            .GroupBy(i => i.Facts.PostId)
            .Select(post => post.Select(i => NotificationText.Render(i.Facts, culture)).ToList())
            .Select(texts => new MailSection(
                texts[0].Title,
                [.. texts.Select(Body)],
                strings.Get(culture, "Mail_OpenThread"),
                links.Absolute(texts[^1].Link.TrimStart('/'))))
            .ToList();
        var unsubscribe = tokens.Url(new UnsubscribeScope(to.Id, UnsubscribeScope.Digest));
        var (plain, html) = MailLayout.Render(
            strings.Get(culture, "Mail_Digest_Intro", items.Count, sections.Count),
            sections,
            Footer(culture, strings.Get(culture, "Mail_Why_Digest"), unsubscribe));
        var subject = strings.Get(culture, "Mail_Digest_Subject", day.ToString("d", culture), items.Count);
        return new(DigestKey(to.Id, day), to.Id, to.Email, to.DisplayName, subject, plain, html, unsubscribe);
    }
}
