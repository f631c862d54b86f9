using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Mentions;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Webhooks;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Moderation;

/// <summary>
/// Staff decide about what waits for approval (PostingRights holds it). Approving does, late, what posting would have
/// done: an idea's card goes to the board and its category's followers hear of it; a reply is counted and appended to
/// every open thread, and the post's followers hear of it. Rejecting removes the idea or hides the reply, with a reason.
/// </summary>
public sealed class HoldReviewService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, PostService posts, NotificationService notifications,
    ModerationService moderation, ReplyModerationService replies, WebhookPublisher webhooks, MentionNotifier mentions)
{
    public async Task<ModerationResult> ApproveAsync(int postId, long? replyId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!ModerationService.MayModerate(viewer))
        {
            return new(ModerationOutcome.NotAllowed);
        }

        return replyId is { } id ? await ApproveReplyAsync(postId, id, viewer.UserId!, ct) : await ApproveIdeaAsync(postId, viewer.UserId!, ct);
    }

    public Task<ModerationResult> RejectAsync(int postId, long? replyId, string reason, Viewer viewer, CancellationToken ct = default) =>
        replyId is { } id
            ? replies.HideAsync(id, reason, AuditAction.Rejected, viewer, ct)
            : moderation.RemoveAsync(postId, reason, AuditAction.Rejected, viewer, ct);

    private async Task<ModerationResult> ApproveIdeaAsync(int postId, string actorId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var idea = await db.Posts.AsNoTracking().Where(p => p.Id == postId)
            .Select(p => new { p.AuthorId, p.CategoryId, p.Kind, p.IsPublic }).FirstOrDefaultAsync(ct);
        if (idea is null)
        {
            return new(ModerationOutcome.NotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var audit = new AuditEntry { PostId = postId, Action = AuditAction.Approved, ActorId = actorId, At = now };
        if (!await db.ChangeAndRecordAsync((db, ct) => db.Posts.Where(p => p.Id == postId && p.HeldAt != null && p.RemovedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.HeldAt, (DateTime?)null), ct), audit, ct))
        {
            return new(ModerationOutcome.Unchanged);
        }

        await bus.PublishAsync(new PostApproved(postId, now), ct);
        await bus.PublishAsync(new ModerationDecided(postId, null, ModerationDecision.Approved, now), ct);

        // As IdeaService.ProposeAsync does for an idea that did not wait: the card as an anonymous reader sees it, and
        // the category's followers.
        if (idea is { Kind: PostKind.Idea, IsPublic: true } && (await posts.ListByIdsAsync([postId], Viewer.Anonymous, ct)) is [var card])
        {
            await bus.PublishAsync(new PostCreated(card, now), ct);
            if (idea.CategoryId is not null)
            {
                await notifications.NotifyAsync(new(NotificationKind.NewIdea, postId, idea.AuthorId));
            }
        }

        // What waited is created, for receivers, when it is approved (the key is the one an unheld post uses).
        await webhooks.PublishAsync(new(idea.Kind == PostKind.Idea ? WebhookEvents.IdeaCreated : WebhookEvents.ComplaintCreated, postId, $"{postId}"));
        return new(ModerationOutcome.Done);
    }

    private async Task<ModerationResult> ApproveReplyAsync(int postId, long replyId, string actorId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var reply = await db.Replies.AsNoTracking().Where(r => r.Id == replyId && r.PostId == postId)
            .Select(r => new { r.AuthorId, r.CreatedAt }).FirstOrDefaultAsync(ct);
        if (reply is null)
        {
            return new(ModerationOutcome.NotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (createdAt, weight) = (reply.CreatedAt, Post.TrendWeightAt(reply.CreatedAt));
        var audit = new AuditEntry { PostId = postId, ReplyId = replyId, Action = AuditAction.Approved, ActorId = actorId, At = now };

        // Counted now, as ThreadService counts a public reply: the weight of its own time, so the rows still imply the
        // counters. (Only public replies wait: internal notes are written by people who work here, who never wait.)
        var saved = await db.ChangeAndRecordAsync(async (db, ct) =>
        {
            if (await db.Replies.Where(r => r.Id == replyId && r.HeldAt != null && r.HiddenAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeldAt, (DateTime?)null), ct) == 0)
            {
                return 0;
            }

            return await db.Posts.Where(p => p.Id == postId && p.RemovedAt == null && p.MergedIntoId == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.ReplyCount, p => p.ReplyCount + 1)
                    .SetProperty(p => p.TrendWeight, p => p.TrendWeight + weight)
                    .SetProperty(p => p.UpdatedAt, p => p.UpdatedAt > createdAt ? p.UpdatedAt : createdAt), ct);
        }, audit, ct);
        if (!saved)
        {
            return new(ModerationOutcome.Unchanged);
        }

        // Absolute values, read after the commit: a page is at most one event behind, as with racing replies.
        var view = await db.Replies.AsNoTracking().Where(r => r.Id == replyId).Select(ReplyViews.For(db, readsHiddenBodies: false)).FirstAsync(ct);
        var count = await db.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => p.ReplyCount).FirstAsync(ct);
        await bus.PublishAsync(new ReplyAdded(view, postId, count, now), ct);
        await bus.PublishAsync(new ModerationDecided(postId, replyId, ModerationDecision.Approved, now), ct);
        // As ThreadService does for a reply that did not wait: the people it mentions, then the followers but them.
        var named = await mentions.NotifyAsync(postId, replyId, reply.AuthorId, view.Body);
        await notifications.NotifyAsync(new(NotificationKind.Reply, postId, reply.AuthorId, replyId) { Named = named });
        await webhooks.PublishAsync(new(WebhookEvents.ReplyCreated, postId, $"{replyId}", replyId));
        return new(ModerationOutcome.Done);
    }
}
