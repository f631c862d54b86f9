using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Mentions;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Webhooks;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Threads;

/// <summary>
/// Replies under ideas and complaints: one level of answers, internal notes for people who work here,
/// corrections by the author for 15 minutes. Every rule is checked here; the page only hides what would
/// be refused anyway. A public reply moves <see cref="Post.ReplyCount"/> and <see cref="Post.TrendWeight"/>
/// in the reply's own transaction, so neither drifts under concurrency.
/// </summary>
public sealed class ThreadService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, NotificationService notifications, IEnumerable<IReplyEffects> effects,
    ActivityLimits limits, PostingRights rights, WebhookPublisher webhooks, MentionNotifier mentions, PictureAttachments pictures)
{
    /// <summary>How long an author may correct a reply. Nobody edits someone else's words: replies keep no audit trail.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    public static bool MayWriteInternalNotes(Viewer viewer) => viewer is { IsSignedIn: true, WorksHere: true };

    /// <summary>The rule the page uses to offer "Edit"; <see cref="EditAsync"/> checks it again on the server.</summary>
    public static bool MayEdit(ReplyView reply, Viewer viewer, DateTime now) =>
        viewer.UserId is { } userId && reply.Author.Id == userId && now < reply.CreatedAt + EditWindow && reply.Hidden is null;

    public Task<ThreadResult> ReplyAsync(int postId, long? parentReplyId, string? body, bool internalNote, Viewer viewer, CancellationToken ct = default) =>
        ReplyAsync(postId, parentReplyId, body, internalNote, viewer, ReplyIntent.Ordinary, ct);

    /// <summary>A reply with its pictures (each described): saved together in the reply's transaction, or none of them.</summary>
    public Task<ThreadResult> ReplyWithPicturesAsync(int postId, long? parentReplyId, string? body, bool internalNote, IReadOnlyList<PictureUpload> uploads,
        Viewer viewer, CancellationToken ct = default) => ReplyAsync(postId, parentReplyId, body, internalNote, viewer, ReplyIntent.Ordinary, ct, uploads);

    /// <summary>
    /// Every reply goes through here, ordinary or not: a resolution proposal (the complaint's owner, checked by Complaints) and
    /// a customer's "not yet", which reopens a solved complaint. What a reply means beyond the thread for its kind of post
    /// (a complaint's clock and reopening) is decided by the <see cref="IReplyEffects"/>, in the reply's own transaction.
    /// </summary>
    internal async Task<ThreadResult> ReplyAsync(int postId, long? parentReplyId, string? body, bool internalNote, Viewer viewer,
        ReplyIntent intent, CancellationToken ct, IReadOnlyList<PictureUpload>? uploads = null)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(ThreadOutcome.SignInRequired);
        }

        body = TextRules.Block(body);
        uploads ??= [];
        if ((internalNote && !MayWriteInternalNotes(viewer) ? ThreadOutcome.NotAllowed : Invalid(body, uploads)) is { } refused)
        {
            return new(refused);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var post = await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).Where(p => p.Id == postId)
            .Select(p => new { p.RemovedAt, p.MergedIntoId, p.Kind, p.AuthorId, p.HeldAt }).FirstOrDefaultAsync(ct);
        if (post is null)
        {
            return new(ThreadOutcome.NotFound);
        }

        // A post that waits for approval takes replies only once approved.
        if (post.RemovedAt is not null || post.MergedIntoId is not null || post.HeldAt is not null)
        {
            return new(ThreadOutcome.Closed);
        }

        var posting = await rights.CheckReplyAsync(viewer, post.Kind, post.AuthorId, body, ct);
        if (posting.Block is { } block)
        {
            return new(ThreadOutcome.Blocked) { Block = block };
        }

        if (parentReplyId is { } askedParent)
        {
            // One level: an answer to an answer joins the top-level reply it belongs to. Whatever answers
            // an internal note (or an internal answer) stays internal, so it never shows to a customer.
            var parent = await PostVisibility.RepliesVisibleTo(db.Replies.AsNoTracking(), viewer)
                .Where(r => r.Id == askedParent && r.PostId == postId)
                .Select(r => new { TopId = r.ParentReplyId ?? r.Id, Internal = r.IsInternalNote || (r.ParentReply != null && r.ParentReply.IsInternalNote) })
                .FirstOrDefaultAsync(ct);
            if (parent is null)
            {
                return new(ThreadOutcome.ParentNotFound);
            }

            parentReplyId = parent.TopId;
            internalNote |= parent.Internal;
        }

        var staff = db.StaffUserIds;
        var author = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new AuthorInfo(u.Id, u.DisplayName, u.AvatarUrl, u.JobTitle, u.CustomerSince, staff.Contains(u.Id), 0))
            .FirstAsync(ct);
        author = author with { Helped = await ReplyViews.HelpedAsync(db, userId, ct) };

        // Whole milliseconds survive every provider's timestamp, so the weight read back from CreatedAt
        // (as the demo seeder computes it) is exactly the weight added here.
        var now = time.StoredUtcNow();
        var proposal = intent == ReplyIntent.ResolutionProposal && !internalNote;
        var reply = new Reply
        {
            PostId = postId, ParentReplyId = parentReplyId, AuthorId = userId, Body = body, CreatedAt = now, IsInternalNote = internalNote,
            IsResolutionProposal = proposal, HeldAt = posting.Hold is null ? null : now, HoldReason = posting.Hold,
        };
        var write = new ReplyWrite(postId, post.Kind, post.AuthorId, reply, author, viewer.WorksHere, intent);
        var staged = await pictures.StageAsync(uploads, userId, now, ct);
        var (replyCount, afterCommit, wait) = await pictures.SavedOrDiscardedAsync(staged, () => SaveAsync(db, write, staged, viewer, ct), s => s.Count is not null);
        if (wait is not null)
        {
            return new(ThreadOutcome.LimitReached, RetryAfter: wait);
        }

        if (replyCount is null)
        {
            return new(ThreadOutcome.Closed);
        }

        var view = new ReplyView(reply.Id, reply.ParentReplyId, author, body, now, null, internalNote, proposal, IsHeld: posting.Hold is not null, Pictures: staged.Views);
        await bus.PublishAsync(new ReplyAdded(view, postId, replyCount.Value, now), ct);
        await bus.PublishAsync(new FollowChanged(userId, postId, now), ct); // replying follows, unless they unfollowed
        foreach (var then in afterCommit)
        {
            await then(ct);
        }

        // A proposal is told to the customer as such (ComplaintService); internal notes notify only colleagues they
        // mention, and a reply that waits for approval nobody until the team approves it. The mentioned hear "mentioned".
        if (posting.Hold is { } hold)
        {
            await rights.AnnounceHeldAsync(postId, reply.Id, hold, ct);
        }
        else if (await mentions.NotifyAsync(postId, reply.Id, userId, body, spared: proposal ? post.AuthorId : null) is var named
            && !internalNote && !proposal)
        {
            await notifications.NotifyAsync(new(NotificationKind.Reply, postId, userId, reply.Id) { Named = named });
        }

        if (posting.Hold is null)
        {
            // Internal notes too: the payload builder gives them to internal endpoints only.
            await webhooks.PublishAsync(new(WebhookEvents.ReplyCreated, postId, $"{reply.Id}", reply.Id));
        }

        return new(ThreadOutcome.Posted, view);
    }

    public async Task<ThreadResult> EditAsync(long replyId, string? body, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(ThreadOutcome.SignInRequired);
        }

        body = TextRules.Block(body);
        if (Invalid(body) is { } invalid)
        {
            return new(invalid);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var visiblePosts = PostVisibility.VisibleTo(db.Posts, viewer);
        var reply = await PostVisibility.RepliesVisibleTo(db.Replies.AsNoTracking(), viewer)
            .Where(r => r.Id == replyId && visiblePosts.Any(p => p.Id == r.PostId))
            .Select(r => new
            {
                r.PostId,
                r.CreatedAt,
                Hidden = r.HiddenAt != null,
                r.Post!.RemovedAt,
                r.Post.MergedIntoId,
                r.AuthorId,
                r.Body,
            })
            .FirstOrDefaultAsync(ct);
        if (reply is null)
        {
            return new(ThreadOutcome.NotFound);
        }

        // A reply the team hid stays as it was hidden.
        if (reply.AuthorId != userId || reply.Hidden)
        {
            return new(ThreadOutcome.NotAllowed);
        }

        if (reply.RemovedAt is not null || reply.MergedIntoId is not null)
        {
            return new(ThreadOutcome.Closed);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var createdAfter = now - EditWindow;
        if (reply.CreatedAt <= createdAfter)
        {
            return new(ThreadOutcome.EditWindowClosed);
        }

        // The statement repeats author and window as its guard: a check a moment ago is not a lock.
        var changed = await db.Replies.Where(r => r.Id == replyId && r.AuthorId == userId && r.CreatedAt > createdAfter)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Body, body).SetProperty(r => r.EditedAt, now), ct);
        if (changed == 0)
        {
            return new(ThreadOutcome.EditWindowClosed);
        }

        // The reply as every reader's thread shows it (counts, endorsement), read by the one projection.
        var view = await db.Replies.AsNoTracking().Where(r => r.Id == replyId).Select(ReplyViews.For(db, readsHiddenBodies: false)).FirstAsync(ct);
        await bus.PublishAsync(new ReplyEdited(view, reply.PostId, now), ct);
        await mentions.NotifyAsync(reply.PostId, replyId, userId, body, before: reply.Body); // only whom the edit added
        return new(ThreadOutcome.Edited, view);
    }

    // The body as it will be stored: nothing that shows is empty, and the limit counts what is kept.
    private ThreadOutcome? Invalid(string body, IReadOnlyList<PictureUpload>? uploads = null) =>
        TextRules.IsBlank(body) ? ThreadOutcome.Empty : body.Length > Reply.BodyMaxLength ? ThreadOutcome.TooLong
        : uploads is not null && pictures.Refusal(uploads) is not null ? ThreadOutcome.PicturesRefused : null;

    /// <summary>
    /// Saves the reply and moves the post's counters in one transaction; null, with nothing written, when the post was
    /// removed or merged meanwhile, or its kind's effects refused it (a proposal whose writer no longer owns the open
    /// complaint). Returns the post's public reply count after the reply, and what the effects publish after the commit;
    /// or, with nothing written, how long until the writer's reply limit lets them reply again.
    /// </summary>
    private async Task<(int? Count, IReadOnlyList<Func<CancellationToken, Task>> AfterCommit, TimeSpan? Wait)> SaveAsync(
        CareDb db, ReplyWrite write, StagedPictures staged, Viewer viewer, CancellationToken ct)
    {
        var reply = write.Reply;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.BeginWriteTransactionAsync(ct);

            // The writer first (their row, then the post's), so their own racing replies queue here and count exactly.
            if (await limits.RefusalAsync(db, viewer, LimitedAct.Reply, ct) is { } wait)
            {
                await tx.RollbackAsync(ct);
                return ((int?)null, (IReadOnlyList<Func<CancellationToken, Task>>)[], (TimeSpan?)wait);
            }

            // The guarded update comes first: it locks the post row (PostgreSQL; SQLite holds the write lock
            // already), so racing replies queue here and each reads the count it produced. An internal note, or a
            // reply that waits for approval, counts for nothing but still takes the lock and the guard.
            var open = db.Posts.Where(p => p.Id == reply.PostId && p.RemovedAt == null && p.MergedIntoId == null);

            var weight = Post.TrendWeightAt(reply.CreatedAt);
            var createdAt = reply.CreatedAt;
            var updated = reply.IsInternalNote || reply.HeldAt is not null
                ? await open.ExecuteUpdateAsync(s => s.SetProperty(p => p.ReplyCount, p => p.ReplyCount), ct)
                : await open.ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.ReplyCount, p => p.ReplyCount + 1)
                    .SetProperty(p => p.TrendWeight, p => p.TrendWeight + weight)
                    .SetProperty(p => p.UpdatedAt, createdAt), ct);
            if (updated == 0)
            {
                await tx.RollbackAsync(ct);
                return (null, [], null);
            }

            var afterCommit = new List<Func<CancellationToken, Task>>();
            foreach (var effect in effects)
            {
                var decided = await effect.ApplyAsync(db, write, ct);
                if (decided.Refuses)
                {
                    await tx.RollbackAsync(ct);
                    return (null, [], null);
                }

                if (decided.AfterCommit is { } then)
                {
                    afterCommit.Add(then);
                }
            }

            db.Replies.Add(reply);
            PictureAttachments.Attach(db, staged, null, reply.PostId, reply);
            await db.SaveChangesAsync(ct);
            if (!reply.IsInternalNote)
            {
                await FollowService.FollowUnlessUnfollowedAsync(db, reply.AuthorId, reply.PostId, FollowReason.Replied, createdAt, ct);
            }
            var count = await db.Posts.Where(p => p.Id == reply.PostId).Select(p => p.ReplyCount).FirstAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return (count, afterCommit, null);
        });
    }
}
