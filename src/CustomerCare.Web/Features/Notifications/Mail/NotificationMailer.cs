using System.Globalization;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>
/// Turns notifications into mails by each person's choice: instantly one mail per notification, or once a day a
/// digest. The outbox row and the notification's EmailedAt are written in one transaction: nothing is mailed twice
/// and nothing is lost. Only confirmed addresses get notification mails, only about posts the person may still see.
/// </summary>
public sealed partial class NotificationMailer(
    IDbContextFactory<CareDb> dbs, MailQueue queue, MailStrings strings, MailLinks links,
    UnsubscribeTokens tokens, IOptions<MailOptions> options, TimeProvider time, ILogger<NotificationMailer> log)
{
    /// <summary>Older notifications are not mailed any more (a job that was down for long must not flood inboxes).</summary>
    public static readonly TimeSpan InstantWindow = TimeSpan.FromDays(2);
    public static readonly TimeSpan DigestWindow = TimeSpan.FromDays(7);
    public const int BatchSize = 100;

    /// <summary>The choice when the person made none: new ideas in a followed category come as a digest, the rest at once.</summary>
    public static MailDelivery DefaultFor(NotificationKind kind) =>
        kind == NotificationKind.NewIdea ? MailDelivery.DailyDigest : MailDelivery.Instantly;

    /// <summary>Enqueues one mail per notification whose recipient wants it at once; returns how many.</summary>
    public Task<int> MailInstantAsync(CancellationToken ct = default) => MailInstantAsync(afterWriting: null, ct);

    /// <summary>
    /// <paramref name="afterWriting"/> runs between writing a mail and storing it: what another server or a person can do
    /// in that moment (tests use it to delete an account the mail names).
    /// </summary>
    internal async Task<int> MailInstantAsync(Func<CancellationToken, Task>? afterWriting, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await DueAsync(db, Pending(db, now - InstantWindow, MailDelivery.Instantly).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(BatchSize), ct);
        var recipients = await RecipientsAsync(db, due.Select(d => d.UserId), due.Select(d => d.Item.Facts.PostId), ct);
        var mailed = 0;
        foreach (var (userId, item) in due)
        {
            if (!recipients.TryGetValue(userId, out var to) || !to.Sees.Contains(item.Facts.PostId))
            {
                continue;
            }

            var mail = Instant(to, item);
            if (afterWriting is not null)
            {
                await afterWriting(ct);
            }

            if (await MarkAndEnqueueAsync(db, [item], mail, now, ct))
            {
                mailed++;
            }
        }

        if (mailed > 0)
        {
            queue.Wake();
        }

        return mailed;
    }

    // The bell's words (NotificationText), so the list and the mail say the same: the sentence is the subject, the
    // product owner's note follows it in the body.
    private OutgoingMail Instant(Recipient to, NotificationItem item)
    {
        var culture = MailStrings.CultureFor(to.Language);
        var text = NotificationText.Render(item.Facts, culture);
        var unsubscribe = tokens.Url(UnsubscribeScope.For(to.Id, item.Facts.Kind));
        var (plain, html) = MailLayout.Render(
            Body(text),
            [new MailSection(text.Title, [], strings.Get(culture, "Mail_OpenThread"), links.Absolute(text.Link.TrimStart('/'))),
             .. item.Facts.Kind == NotificationKind.Shipped ? SolvesItQuestion(culture, item.Facts.PostId) : []],
            Footer(culture, strings.Get(culture, "Mail_Why_Instant", strings.KindName(culture, item.Facts.Kind)), unsubscribe));
        return new($"notification:{item.Id}", to.Id, to.Email, to.DisplayName, text.Text, plain, html, unsubscribe);
    }

    // "Does this solve it for you?" with one link per answer. The link only opens the idea's page with the answer
    // chosen; the signed-in person's open page records it (SolvesItPanel), so a mail scanner following links counts nothing.
    private MailSection[] SolvesItQuestion(CultureInfo culture, int postId) =>
    [
        new(strings.Get(culture, "SolvesIt_Question"), [], strings.Get(culture, "SolvesIt_Yes"), links.Absolute($"posts/{postId}?solves=yes#solves")),
        new(null, [], strings.Get(culture, "SolvesIt_NotYet"), links.Absolute($"posts/{postId}?solves=no#solves")),
    ];

    private static string Body(RenderedNotification text) => text.Note is { } note ? $"{text.Text}\n\n{note}" : text.Text;

    private MailFooter Footer(CultureInfo culture, string why, string unsubscribe) => new(
        why, strings.Get(culture, "Mail_Unsubscribe"), unsubscribe, strings.Get(culture, "Mail_Preferences"), links.Preferences);

    /// <summary>
    /// Marks the notifications mailed and stores the mail, in one transaction. The guarded update finds them all still
    /// unmailed or the whole step is rolled back (another server got there first). The mail was written from
    /// <paramref name="rendered"/> before the transaction: when a person it names deleted their account since, the facts
    /// read now differ (the name is "Former customer") and nothing is stored; the next pass writes the mail anew.
    /// </summary>
    private async Task<bool> MarkAndEnqueueAsync(CareDb db, IReadOnlyList<NotificationItem> rendered, OutgoingMail mail, DateTime now, CancellationToken ct)
    {
        var ids = rendered.Select(i => i.Id).ToList();
        db.ChangeTracker.Clear();
        await using var transaction = await db.BeginWriteTransactionAsync(ct);
        await HoldNamedPeopleAsync(db, ids, ct);
        var marked = await db.Notifications.Where(n => ids.Contains(n.Id) && n.EmailedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAt, now), ct);
        if (marked != ids.Count || !await StillAsRenderedAsync(db, rendered, ct))
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        // A mail already stored under the key (kept from an earlier run) is the mail: mark, store nothing new.
        if (!await db.OutboxMails.AnyAsync(m => m.DedupKey == mail.DedupKey, ct))
        {
            MailQueue.Add(db, mail, now);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        LogQueued(mail.DedupKey, ids.Count);
        return true;
    }

    /// <summary>
    /// Updates the rows of the people the notifications name to what they are, first in the transaction (the order an
    /// account deletion takes too: the person's row, then their content). A deletion under way holds such a row, so
    /// this waits for it and <see cref="StillAsRenderedAsync"/> then reads the new name; a deletion that starts later
    /// waits for this transaction, and its scrub of the outbox finds the stored mail. On SQLite the write gate already
    /// runs the two one after the other.
    /// </summary>
    private static async Task HoldNamedPeopleAsync(CareDb db, List<long> ids, CancellationToken ct)
    {
        var named = await db.Notifications.Where(n => ids.Contains(n.Id))
            .Select(n => new { n.ActorId, n.Post!.AuthorId }).ToListAsync(ct);
        var people = named.SelectMany(n => new[] { n.ActorId, n.AuthorId }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        await db.Users.Where(u => people.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, u => u.DisplayName), ct);
    }

    /// <summary>Whether the notifications still read as they did when the mail was written.</summary>
    private static async Task<bool> StillAsRenderedAsync(CareDb db, IReadOnlyList<NotificationItem> rendered, CancellationToken ct)
    {
        var ids = rendered.Select(i => i.Id).ToList();
        var now = await db.Notifications.Where(n => ids.Contains(n.Id)).Select(NotificationInbox.Item).ToDictionaryAsync(i => i.Id, ct);
        return rendered.All(i => now.TryGetValue(i.Id, out var current) && current.Facts == i.Facts);
    }

    private static IQueryable<Notification> Pending(CareDb db, DateTime since, MailDelivery delivery)
    {
        var preferences = db.NotificationPreferences;
        var staff = db.StaffUserIds;
        // Only what can be mailed: a notification of an unconfirmed person, or about a post its person may no longer see
        // (PostVisibility.VisibleTo, checked again per mail), stays unmailed, and without this filter such notifications
        // would fill every batch (and the digest's user list) and starve everyone behind them.
        var pending = db.Notifications.Where(n => n.EmailedAt == null && n.CreatedAt >= since
            && db.Users.Any(u => u.Id == n.UserId && u.EmailConfirmed && u.Email != null)
            && (staff.Contains(n.UserId) || db.Posts.Any(p => p.Id == n.PostId && p.RemovedAt == null && ((p.IsPublic && p.HeldAt == null) || p.AuthorId == n.UserId))));
        return delivery == MailDelivery.Instantly
            ? pending.Where(n => preferences.Any(p => p.UserId == n.UserId && p.Kind == n.Kind && p.Email == MailDelivery.Instantly)
                || (n.Kind != NotificationKind.NewIdea && !preferences.Any(p => p.UserId == n.UserId && p.Kind == n.Kind)))
            : pending.Where(n => preferences.Any(p => p.UserId == n.UserId && p.Kind == n.Kind && p.Email == MailDelivery.DailyDigest)
                || (n.Kind == NotificationKind.NewIdea && !preferences.Any(p => p.UserId == n.UserId && p.Kind == n.Kind)));
    }

    private sealed record Due(string UserId, NotificationItem Item);

    /// <summary>The notifications' facts as the bell reads them (<see cref="NotificationInbox.Item"/>), with their recipients.</summary>
    private static async Task<List<Due>> DueAsync(CareDb db, IQueryable<Notification> notifications, CancellationToken ct)
    {
        var owners = await notifications.Select(n => new { n.Id, n.UserId }).ToListAsync(ct);
        var ids = owners.ConvertAll(o => o.Id);
        var items = await db.Notifications.Where(n => ids.Contains(n.Id)).Select(NotificationInbox.Item).ToDictionaryAsync(i => i.Id, ct);
        return owners.ConvertAll(o => new Due(o.UserId, items[o.Id]));
    }

    private sealed record Recipient(string Id, string Email, string DisplayName, string? Language, HashSet<int> Sees);

    /// <summary>People with a confirmed address, each with the posts (of those asked about) their roles let them see now.</summary>
    private static async Task<Dictionary<string, Recipient>> RecipientsAsync(
        CareDb db, IEnumerable<string> userIds, IEnumerable<int> postIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        var posts = postIds.Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.EmailConfirmed && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Language }).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var result = new Dictionary<string, Recipient>();
        foreach (var user in users)
        {
            var mine = roles.Where(r => r.UserId == user.Id).Select(r => r.Name).ToHashSet();
            var viewer = new Viewer(user.Id, mine.Contains(Roles.Staff), mine.Contains(Roles.ProductOwner), mine.Contains(Roles.Admin));
            var sees = await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).Where(p => posts.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
            result[user.Id] = new(user.Id, user.Email!, user.DisplayName, user.Language, [.. sees]);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {DedupKey} queued for {Count} notification(s)")]
    private partial void LogQueued(string dedupKey, int count);
}
