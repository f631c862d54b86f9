using System.Linq.Expressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Notifications;

/// <summary>One notification in the reader's list: the facts to render with <see cref="NotificationText"/>.</summary>
public sealed record NotificationItem(long Id, NotificationFacts Facts, DateTime CreatedAt, bool Read);

/// <summary>A page of the list, newest first; <paramref name="Next"/> is the id to load older ones before (null at the end).</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, long? Next);

/// <summary>The reader's side: the bell's count, the list, marking read. Every read applies the visibility rule again.</summary>
public sealed class NotificationInbox(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time)
{
    public const int PageSize = 20;

    /// <summary>
    /// A notification with the names its facts point to, for any query over <c>db.Notifications</c> (the mail sender
    /// uses it too): <c>Visible(db).Where(…).Select(NotificationInbox.Item)</c>, then
    /// <c>NotificationText.Render(item.Facts, culture)</c>.
    /// </summary>
    public static readonly Expression<Func<Notification, NotificationItem>> Item = n => new NotificationItem(
        n.Id,
        new NotificationFacts(
            n.Kind,
            n.PostId,
            n.ReplyId,
            n.Post!.Title,
            n.Actor == null ? null : n.Actor.DisplayName,
            n.Post.Author!.DisplayName,
            n.Detail,
            n.Post.Category == null ? null : new CategoryNames(n.Post.Category.NameEnglish, n.Post.Category.NameGerman)),
        n.CreatedAt,
        n.ReadAt != null);

    /// <summary>
    /// Notifications whose post their reader may still see: not removed, and public, theirs, or they work here. A
    /// complaint turned private or removed after the fact vanishes from the list and the count.
    /// </summary>
    public static IQueryable<Notification> Visible(CareDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = db.StaffUserIds;
        return db.Notifications.Where(n => n.Post!.RemovedAt == null
            && ((n.Post.IsPublic && n.Post.HeldAt == null) || n.Post.AuthorId == n.UserId || staff.Contains(n.UserId)));
    }

    private static IQueryable<Notification> Unread(CareDb db) => Visible(db).Where(n => n.ReadAt == null);

    public async Task<int> CountUnreadAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return 0;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await Unread(db).CountAsync(n => n.UserId == userId, ct);
    }

    /// <summary>The viewer's notifications, newest first, <see cref="PageSize"/> at a time, older than <paramref name="before"/>.</summary>
    public async Task<NotificationPage> ListAsync(Viewer viewer, long? before = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new([], null);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var mine = Visible(db).AsNoTracking().Where(n => n.UserId == userId);
        if (before is { } after)
        {
            mine = mine.Where(n => n.Id < after);
        }

        var items = await mine.OrderByDescending(n => n.Id).Take(PageSize + 1).Select(Item).ToListAsync(ct);
        return items.Count > PageSize ? new(items[..PageSize], items[PageSize - 1].Id) : new(items, null);
    }

    /// <summary>Marks one of the viewer's notifications read (someone else's is left alone); false when nothing changed.</summary>
    public async Task<bool> MarkReadAsync(long notificationId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var changed = await db.Notifications.Where(n => n.Id == notificationId && n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        if (changed > 0)
        {
            await PublishUnreadAsync(db, bus, [userId], now, ct);
        }

        return changed > 0;
    }

    /// <summary>
    /// The link of one of the viewer's notifications, marking it read on the way (the list's links go through here);
    /// null when it is not theirs or its post is no longer theirs to see.
    /// </summary>
    public async Task<string?> OpenAsync(long notificationId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return null;
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var place = await Visible(db).AsNoTracking().Where(n => n.Id == notificationId && n.UserId == userId)
                .Select(n => new { n.PostId, n.ReplyId }).FirstOrDefaultAsync(ct);
            if (place is null)
            {
                return null;
            }

            await MarkReadAsync(notificationId, viewer, ct);
            return NotificationText.Link(place.PostId, place.ReplyId);
        }
    }

    /// <summary>Marks all of the viewer's notifications read; returns how many were unread.</summary>
    public async Task<int> MarkAllReadAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var changed = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        if (changed > 0)
        {
            await PublishUnreadAsync(db, bus, [userId], now, ct);
        }

        return changed;
    }

    // The event carries each reader's new count, so their open bells need no query of their own.
    internal static async Task PublishUnreadAsync(CareDb db, ILiveBus bus, List<string> userIds, DateTime now, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        var unread = await Unread(db).Where(n => userIds.Contains(n.UserId))
            .GroupBy(n => n.UserId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var userId in userIds)
        {
            await bus.PublishAsync(new NotificationsChanged(userId, unread.GetValueOrDefault(userId), now), ct);
        }
    }
}
