using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// What other people's open pages hear of an account's erasure: the events moderation's own removals and hides publish,
/// so every page that follows those follows an erasure too, with no event of its own. What goes with the person's
/// complaints (who had unread notifications there, what the moderation queue listed of them) cannot be read once they
/// are gone, so <see cref="GatherAsync"/> runs inside the erasure's transaction, before its steps; <see cref="TellAsync"/>
/// runs after the commit, so no page hears of an erasure that was rolled back.
/// </summary>
internal sealed record ErasureNews(
    string UserId,
    PublicContentOnDeletion Mode,
    IReadOnlyList<string> ComplaintReaders,
    IReadOnlyList<int> Unpinned,
    IReadOnlyList<(int PostId, long? ReplyId)> QueueTargets)
{
    /// <summary>The person's complaints, erased (both modes).</summary>
    public IReadOnlyList<int> ErasedComplaints { get; init; } = [];

    /// <summary>The person's ideas, removed (<see cref="PublicContentOnDeletion.Remove"/> only).</summary>
    public IReadOnlyList<int> RemovedIdeas { get; init; } = [];

    public static async Task<ErasureNews> GatherAsync(CareDb db, string userId, PublicContentOnDeletion mode, CancellationToken ct)
    {
        var complaints = db.Posts.Where(p => p.AuthorId == userId && p.Kind == PostKind.Complaint).Select(p => p.Id);
        var readers = await db.Notifications.Where(n => complaints.Contains(n.PostId) && n.ReadAt == null && n.UserId != userId)
            .Select(n => n.UserId).Distinct().ToListAsync(ct);
        var openReports = db.Reports.Where(r => r.ResolvedAt == null);

        // The queue lists a complaint for its reports, its waiting for approval or a reply in it that waits.
        var queue = (await db.Posts.Where(p => complaints.Contains(p.Id)
                && (p.HeldAt != null || openReports.Any(r => r.PostId == p.Id) || p.Replies.Any(r => r.HeldAt != null && r.HiddenAt == null)))
            .Select(p => p.Id).ToListAsync(ct))
            .Select(id => (id, (long?)null)).ToList();
        if (mode == PublicContentOnDeletion.Remove)
        {
            var ideas = await db.Posts.Where(p => p.AuthorId == userId && p.Kind != PostKind.Complaint && p.RemovedAt == null
                    && (p.HeldAt != null || openReports.Any(r => r.PostId == p.Id && r.ReplyId == null)))
                .Select(p => p.Id).ToListAsync(ct);
            var replies = await db.Replies.Where(r => r.AuthorId == userId && !complaints.Contains(r.PostId)
                    && ((r.HeldAt != null && r.HiddenAt == null) || openReports.Any(o => o.ReplyId == r.Id)))
                .Select(r => new { r.PostId, r.Id }).ToListAsync(ct);
            queue.AddRange(ideas.Select(id => (id, (long?)null)));
            queue.AddRange(replies.Select(r => (r.PostId, (long?)r.Id)));
        }

        // An answer of theirs pinned on top of someone else's thread (a former team member's) is unpinned as hiding unpins it.
        var unpinned = mode == PublicContentOnDeletion.Remove
            ? await db.Posts.Where(p => !complaints.Contains(p.Id) && db.Replies.Any(r => r.Id == p.OfficialAnswerId && r.AuthorId == userId))
                .Select(p => p.Id).ToListAsync(ct)
            : [];
        return new(userId, mode, readers, unpinned, queue);
    }

    /// <summary>
    /// After the commit. Every reply of the person in a post that is not removed is sent as it reads now (ReplyEdited
    /// carries the whole reply): by "Former customer", and under Remove hidden with its text erased, on staff's pages
    /// too, as it is in the database. A removed post's pages read again on its PostRemoved or show nobody its thread.
    /// Counters need no event: nothing counted was deleted (a hidden reply keeps its count, votes stay with the
    /// tombstone), and the boards leave a removed idea out on their next read, as after moderation.
    /// </summary>
    public async Task TellAsync(IDbContextFactory<CareDb> dbs, ILiveBus bus, NotificationService notifications, DateTime now, CancellationToken ct)
    {
        foreach (var postId in ErasedComplaints.Concat(RemovedIdeas))
        {
            await bus.PublishAsync(new PostRemoved(postId, now), ct);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var mine = db.Replies.AsNoTracking().Where(r => r.AuthorId == UserId && r.Post!.RemovedAt == null);
        var posts = await mine.Select(r => new { r.Id, r.PostId }).ToDictionaryAsync(r => r.Id, r => r.PostId, ct);
        foreach (var reply in await mine.OrderBy(r => r.Id).Select(ReplyViews.For(db, readsHiddenBodies: false)).ToListAsync(ct))
        {
            var postId = posts[reply.Id];
            if (Mode == PublicContentOnDeletion.Remove && reply.Hidden is { } hiding)
            {
                await bus.PublishAsync(new ReplyHidden(postId, reply.Id, hiding, reply.IsInternalNote || reply.IsHeld, now), ct);
            }

            await bus.PublishAsync(new ReplyEdited(reply, postId, now), ct);
        }

        foreach (var postId in Unpinned)
        {
            await bus.PublishAsync(new OfficialAnswerChanged(postId, null, now), ct);
        }

        foreach (var (postId, replyId) in QueueTargets)
        {
            await bus.PublishAsync(new ModerationDecided(postId, replyId, ModerationDecision.Hidden, now), ct);
        }

        // The bells: notifications of a removed idea leave their readers' lists, those of an erased complaint are gone.
        foreach (var ideaId in RemovedIdeas)
        {
            await notifications.PostVisibilityChangedAsync(ideaId);
        }

        await NotificationInbox.PublishUnreadAsync(db, bus, [.. ComplaintReaders], now, ct);
    }
}
