using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Notifications;

/// <summary>
/// Something happened that people should learn of: <paramref name="Kind"/> on <paramref name="PostId"/>, done by
/// <paramref name="ActorId"/> (null for the portal), at <paramref name="ReplyId"/> if a reply is the place to look,
/// with <paramref name="Detail"/> as <see cref="NotificationDetail"/> JSON for status changes and shipping.
/// <paramref name="RecipientId"/> names the one person a kind is for (the staff member thanked).
/// </summary>
public sealed record NotificationTrigger(
    NotificationKind Kind, int PostId, string? ActorId, long? ReplyId = null, string? Detail = null, string? RecipientId = null)
{
    /// <summary>
    /// The people the act names (mentions): a <see cref="NotificationKind.Mentioned"/> trigger's only candidates; every
    /// other kind leaves them out, since they hear of the same act as mentioned (one notification, not two).
    /// </summary>
    public IReadOnlyList<string> Named { get; init; } = [];
}

/// <summary>
/// The fan-out (the reader's side is <see cref="NotificationInbox"/>). The acting services call <see cref="NotifyAsync"/> after their commit, on the
/// server that acted (not from the live bus, which with Redis every server hears). Recipients are decided here, by the
/// same visibility rule the pages use: a private complaint notifies only its customer and people who work here, an
/// internal note, a removed post and anything that waits for approval notify nobody, the actor never hears of their own act.
/// </summary>
public sealed partial class NotificationService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, IHostEnvironment environment, ILogger<NotificationService> log)
{
    /// <summary>
    /// Writes one notification per recipient in one SaveChanges and tells each recipient's open pages their new unread
    /// count; returns how many were notified. The act is committed already, so a failure here is logged and swallowed
    /// (the act must not fail for it) and the request's cancellation does not apply; under the Testing environment it
    /// is thrown instead, so a broken fan-out fails the tests rather than passing silently.
    /// </summary>
    public async Task<int> NotifyAsync(NotificationTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        try
        {
            return await FanOutAsync(trigger, CancellationToken.None);
        }
        catch (Exception ex) when (!environment.IsEnvironment("Testing"))
        {
            LogFailed(ex, trigger.Kind, trigger.PostId);
            return 0;
        }
    }

    private async Task<int> FanOutAsync(NotificationTrigger trigger, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == trigger.PostId)
            .Select(p => new { p.IsPublic, p.AuthorId, p.RemovedAt, p.HeldAt, p.CategoryId }).FirstOrDefaultAsync(ct);
        if (post is null || post.RemovedAt is not null || post.HeldAt is not null)
        {
            return 0;
        }

        // Internal notes notify nobody: the simplest rule that can never leak one to a customer. Nor do replies that
        // wait for approval (their approval notifies) or that the team hid. The one exception is a colleague mentioned
        // in an internal note, and only people who work here (below).
        var mention = trigger.Kind == NotificationKind.Mentioned;
        var internalNote = false;
        if (trigger.ReplyId is { } replyId)
        {
            var reply = await db.Replies.Where(r => r.Id == replyId && r.PostId == trigger.PostId && r.HeldAt == null && r.HiddenAt == null)
                .Select(r => new { Internal = r.IsInternalNote || (r.ParentReply != null && r.ParentReply.IsInternalNote) }).FirstOrDefaultAsync(ct);
            if (reply is null || (reply.Internal && !mention))
            {
                return 0;
            }

            internalNote = reply.Internal;
        }

        var candidates = Candidates(db, trigger, post.AuthorId, post.IsPublic ? post.CategoryId : null);
        var staff = db.StaffUserIds;
        var authorId = post.AuthorId;
        var mayRead = internalNote ? candidates.Where(id => staff.Contains(id))
            : post.IsPublic ? candidates : candidates.Where(id => id == authorId || staff.Contains(id));
        var actorId = trigger.ActorId;
        var named = mention ? [] : trigger.Named;
        var recipients = await mayRead.Where(id => id != actorId && !named.Contains(id)).Distinct().ToListAsync(ct);
        if (recipients.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.Notifications.AddRange(recipients.Select(userId => new Notification
        {
            UserId = userId, Kind = trigger.Kind, PostId = trigger.PostId, ReplyId = trigger.ReplyId, ActorId = trigger.ActorId,
            Detail = trigger.Detail, CreatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        await NotificationInbox.PublishUnreadAsync(db, bus, recipients, now, ct);
        return recipients.Count;
    }

    /// <summary>
    /// A post was removed or restored (or made private): its notifications left or rejoined their readers' lists, so
    /// each reader with one unread there hears their new count. Like <see cref="NotifyAsync"/>, called after the commit
    /// and never failing the act.
    /// </summary>
    public async Task PostVisibilityChangedAsync(int postId)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync();
            var readers = await db.Notifications.Where(n => n.PostId == postId && n.ReadAt == null).Select(n => n.UserId).Distinct().ToListAsync();
            await NotificationInbox.PublishUnreadAsync(db, bus, readers, time.GetUtcNow().UtcDateTime, CancellationToken.None);
        }
        catch (Exception ex) when (!environment.IsEnvironment("Testing"))
        {
            LogRecountFailed(ex, postId);
        }
    }

    /// <summary>Who might hear of the trigger, before the visibility rule and the actor are taken out.</summary>
    private static IQueryable<string> Candidates(CareDb db, NotificationTrigger trigger, string authorId, int? publicCategoryId)
    {
        var postId = trigger.PostId;
        switch (trigger.Kind)
        {
            case NotificationKind.ComplaintOwner or NotificationKind.ResolutionProposed:
                return db.Users.Where(u => u.Id == authorId).Select(u => u.Id);
            case NotificationKind.NewIdea:
                return db.CategoryFollows.Where(f => f.CategoryId == publicCategoryId).Select(f => f.UserId);
            case NotificationKind.Thanked or NotificationKind.Endorsed or NotificationKind.Answered:
                var recipientId = trigger.RecipientId;
                return db.Users.Where(u => u.Id == recipientId).Select(u => u.Id);
            case NotificationKind.Mentioned:
                var mentioned = trigger.Named;
                return db.Users.Where(u => mentioned.Contains(u.Id) && u.DeletedAt == null).Select(u => u.Id);
            case NotificationKind.Escalated:
                return db.UserRoles.Where(ur => ur.RoleId == Roles.AdminId).Select(ur => ur.UserId);
            default:
                // Followers, and voters who never unfollowed (votes older than following count too).
                var unfollowed = db.PostFollows.Where(f => f.PostId == postId && !f.Following).Select(f => f.UserId);
                return db.PostFollows.Where(f => f.PostId == postId && f.Following).Select(f => f.UserId)
                    .Union(db.Votes.Where(v => v.PostId == postId && !unfollowed.Contains(v.UserId)).Select(v => v.UserId));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Notifying of {Kind} on post {PostId} failed; the act itself was saved")]
    private partial void LogFailed(Exception ex, NotificationKind kind, int postId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telling readers of post {PostId} their new unread count failed; the change itself was saved")]
    private partial void LogRecountFailed(Exception ex, int postId);
}
