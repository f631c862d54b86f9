using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Helpful;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Thanks;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Answers;

/// <summary>
/// "The answer": on a public post, its author or someone who works here marks the one reply that answered it; the thread
/// shows it first and its writer hears of it. On a public complaint, the customer accepting another customer's answer
/// says the complaint is solved (as their "yes, solved" does) and thanks the customer who helped. Staff choosing an answer
/// on a complaint only marks it: whether it is solved stays the customer's word.
/// </summary>
public sealed class AnswerService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, NotificationService notifications,
    ComplaintResolutionService resolutions, ThanksService thanks)
{
    /// <summary>Whether the viewer is offered to mark <paramref name="reply"/> as the answer; <see cref="MarkAsync"/> checks it all again.</summary>
    public static bool Offers(PostSummary post, ReplyView reply, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(viewer);
        return MayChoose(post, viewer) && HelpfulService.Markable(reply)
            && reply.Author.Id != post.Author.Id && reply.Author.Id != viewer.UserId;
    }

    /// <summary>The post's author and people who work here choose the answer of a public post.</summary>
    public static bool MayChoose(PostSummary post, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(viewer);
        return post.IsPublic && viewer.UserId is { } userId && (viewer.WorksHere || post.Author.Id == userId);
    }

    public async Task<AnswerResult> MarkAsync(int postId, long replyId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (refused, post) = await ChoosableAsync(db, postId, viewer, ct);
        if (refused is not null)
        {
            return new(refused.Value);
        }

        var staff = db.StaffUserIds;
        var reply = await db.Replies.AsNoTracking().Where(r => r.Id == replyId && r.PostId == postId)
            .Select(r => new { r.AuthorId, r.IsInternalNote, r.HeldAt, r.HiddenAt, ByStaff = staff.Contains(r.AuthorId) })
            .FirstOrDefaultAsync(ct);
        if (reply is null)
        {
            return new(AnswerOutcome.NotFound);
        }

        var userId = viewer.UserId!;
        if (reply.IsInternalNote || reply.HeldAt is not null || reply.HiddenAt is not null || reply.AuthorId == post!.AuthorId || reply.AuthorId == userId)
        {
            return new(AnswerOutcome.NotMarkable);
        }

        var now = time.StoredUtcNow();
        // Guarded: a double click or a second tab marks once, and tells the writer once.
        var marked = await db.Posts.Where(p => p.Id == postId && (p.AnswerId == null || p.AnswerId != replyId))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.AnswerId, replyId).SetProperty(p => p.AnswerMarkedById, userId)
                .SetProperty(p => p.AnswerMarkedAt, now), ct);
        var byAuthor = userId == post.AuthorId;
        if (marked > 0)
        {
            var me = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.JobTitle }).FirstAsync(ct);
            await bus.PublishAsync(new AnswerMarked(postId, new(replyId, me.DisplayName, byAuthor ? null : me.JobTitle, byAuthor, now), now), ct);
            await notifications.NotifyAsync(new(NotificationKind.Answered, postId, userId, replyId, RecipientId: reply.AuthorId));
        }

        // A customer's own complaint, answered by another customer: their acceptance is their word that it is solved.
        if (post.Kind != PostKind.Complaint || !byAuthor || reply.ByStaff)
        {
            return new(AnswerOutcome.Marked);
        }

        await resolutions.ConfirmAsync(postId, viewer, ct);
        await thanks.ThankForAnswerAsync(postId, replyId, viewer, ct);
        return new(AnswerOutcome.Marked, Solved: true);
    }

    /// <summary>Takes the mark back; a complaint solved by it stays solved (its customer reopens it by writing again).</summary>
    public async Task<AnswerResult> ClearAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var (refused, _) = await ChoosableAsync(db, postId, viewer, ct);
        if (refused is not null)
        {
            return new(refused.Value);
        }

        var cleared = await db.Posts.Where(p => p.Id == postId && p.AnswerId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.AnswerId, (long?)null).SetProperty(p => p.AnswerMarkedById, (string?)null)
                .SetProperty(p => p.AnswerMarkedAt, (DateTime?)null), ct);
        if (cleared > 0)
        {
            var now = time.StoredUtcNow();
            await bus.PublishAsync(new AnswerMarked(postId, null, now), ct);
        }

        return new(AnswerOutcome.Cleared);
    }

    private sealed record ChoosablePost(string AuthorId, PostKind Kind);

    private static async Task<(AnswerOutcome? Refused, ChoosablePost? Post)> ChoosableAsync(CareDb db, int postId, Viewer viewer, CancellationToken ct)
    {
        if (viewer.UserId is not { } userId)
        {
            return (AnswerOutcome.SignInRequired, null);
        }

        var post = await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).Where(p => p.Id == postId)
            .Select(p => new { p.AuthorId, p.Kind, p.IsPublic, p.HeldAt, p.RemovedAt, p.MergedIntoId })
            .FirstOrDefaultAsync(ct);
        return post switch
        {
            null or { RemovedAt: not null } or { MergedIntoId: not null } => (AnswerOutcome.NotFound, null),
            _ when !viewer.WorksHere && post.AuthorId != userId => (AnswerOutcome.NotAllowed, null),
            { IsPublic: false } or { HeldAt: not null } => (AnswerOutcome.NotPublic, null),
            _ => (null, new(post.AuthorId, post.Kind)),
        };
    }
}
