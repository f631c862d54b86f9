using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Thanks;

/// <summary>
/// "Thank you": a customer thanks the person who helped — the staff member who wrote a reply they may read, the owner
/// of their own complaint once it is solved, or the customer whose answer solved their public complaint — once per reply or complaint, with an optional note they may let the staff
/// member's profile show. The staff member hears of it in the bell (and by mail, by their choice). The unique index on
/// (giver, target) is the truth: a second thanks, from a second tab at once too, is the first one.
/// </summary>
public sealed class ThanksService(
    IDbContextFactory<CareDb> dbs, TimeProvider time, PostingRights rights, NotificationService notifications, ILiveBus bus)
{
    public Task<ThanksResult> ThankReplyAsync(long replyId, string? note, bool showNote, Viewer viewer, CancellationToken ct = default) =>
        ThankAsync(viewer, note, showNote, async (db, userId) =>
        {
            var reply = await PostVisibility.RepliesVisibleTo(db.Replies.AsNoTracking(), viewer)
                .Where(r => r.Id == replyId && r.HiddenAt == null && PostVisibility.VisibleTo(db.Posts, viewer).Any(p => p.Id == r.PostId))
                .Select(r => new { r.PostId, r.AuthorId, r.IsInternalNote, r.HeldAt, Staff = db.StaffUserIds.Contains(r.AuthorId) })
                .FirstOrDefaultAsync(ct);
            return reply is null ? (null, ThanksOutcome.NotFound)
                : !reply.Staff || reply.AuthorId == userId || reply.HeldAt is not null ? (null, ThanksOutcome.NotThankable)
                : (new ThanksTarget(reply.AuthorId, reply.PostId, replyId, Data.Entities.Thanks.ReplyTarget(replyId)), ThanksOutcome.Thanked);
        }, ct);

    /// <summary>The complaint's customer thanks its owner, once the complaint is solved.</summary>
    public Task<ThanksResult> ThankForSolutionAsync(int complaintId, string? note, bool showNote, Viewer viewer, CancellationToken ct = default) =>
        ThankAsync(viewer, note, showNote, async (db, userId) =>
        {
            var complaint = await db.Posts.AsNoTracking()
                .Where(p => p.Id == complaintId && p.Kind == PostKind.Complaint && p.RemovedAt == null && p.AuthorId == userId)
                .Select(p => new { p.Status, p.OwnerId })
                .FirstOrDefaultAsync(ct);
            return complaint is null ? (null, ThanksOutcome.NotFound)
                : complaint.Status != PostStatus.Solved || complaint.OwnerId is null ? (null, ThanksOutcome.NotThankable)
                : (new ThanksTarget(complaint.OwnerId, complaintId, null, Data.Entities.Thanks.ComplaintTarget(complaintId)), ThanksOutcome.Thanked);
        }, ct);

    /// <summary>
    /// The customer of a public complaint thanks the customer whose answer they accepted as the one that solved it
    /// (marked as the post's answer): the only thanks from one customer to another.
    /// </summary>
    public Task<ThanksResult> ThankForAnswerAsync(int complaintId, long replyId, Viewer viewer, CancellationToken ct = default) =>
        ThankAsync(viewer, null, false, async (db, userId) =>
        {
            var answer = await db.Posts.AsNoTracking()
                .Where(p => p.Id == complaintId && p.Kind == PostKind.Complaint && p.IsPublic && p.RemovedAt == null && p.AuthorId == userId
                    && p.AnswerId == replyId)
                .Select(p => new { p.Answer!.AuthorId, Staff = db.StaffUserIds.Contains(p.Answer.AuthorId) })
                .FirstOrDefaultAsync(ct);
            return answer is null ? (null, ThanksOutcome.NotFound)
                : answer.Staff || answer.AuthorId == userId ? (null, ThanksOutcome.NotThankable)
                : (new ThanksTarget(answer.AuthorId, complaintId, replyId, Data.Entities.Thanks.ReplyTarget(replyId)), ThanksOutcome.Thanked);
        }, ct);

    /// <summary>What the viewer thanked on a post: the replies, and whether the complaint's solution.</summary>
    public async Task<IReadOnlySet<string>> ThankedOnAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new HashSet<string>();
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return (await db.Thanks.AsNoTracking().Where(t => t.FromUserId == userId && t.PostId == postId).Select(t => t.Target).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
    }

    private sealed record ThanksTarget(string ToUserId, int PostId, long? ReplyId, string Key);

    private async Task<ThanksResult> ThankAsync(
        Viewer viewer, string? note, bool showNote, Func<CareDb, string, Task<(ThanksTarget? Target, ThanksOutcome Refusal)>> find, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(ThanksOutcome.SignInRequired);
        }

        if (viewer.WorksHere)
        {
            return new(ThanksOutcome.NotThankable);
        }

        var words = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (words?.Length > Data.Entities.Thanks.NoteMaxLength)
        {
            return new(ThanksOutcome.Invalid, new Dictionary<string, string> { ["Note"] = "Thanks_NoteTooLong" });
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var (target, refusal) = await find(db, userId);
        if (target is null)
        {
            return new(refusal);
        }

        if (await db.Thanks.AnyAsync(t => t.FromUserId == userId && t.Target == target.Key, ct))
        {
            return new(ThanksOutcome.AlreadyThanked);
        }

        // A customer the team blocked from posting may still say thank you; their note is never shown to others.
        var blocked = await rights.BlockOfAsync(viewer, ct) is not null;
        var thanks = new Data.Entities.Thanks
        {
            FromUserId = userId, ToUserId = target.ToUserId, PostId = target.PostId, ReplyId = target.ReplyId, Target = target.Key,
            Note = words, ShowNote = showNote && words is not null && !blocked, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Thanks.Add(thanks);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await StoredAsync(userId, target.Key))
            {
                return new(ThanksOutcome.AlreadyThanked);
            }

            throw;
        }

        await notifications.NotifyAsync(new(NotificationKind.Thanked, target.PostId, userId, target.ReplyId, RecipientId: target.ToUserId));
        // The thanked person's profile counts it (and shows the note they may show): visitors' kept copies go.
        await bus.PublishAsync(new PublicPagesChanged([VisitorCacheTags.Team, VisitorCacheTags.Person(target.ToUserId)], thanks.CreatedAt), ct);
        return new(ThanksOutcome.Thanked);
    }

    // The other of two thanks at once won the unique index: this one is that one.
    private async Task<bool> StoredAsync(string userId, string key)
    {
        await using var db = await dbs.CreateDbContextAsync();
        return await db.Thanks.AnyAsync(t => t.FromUserId == userId && t.Target == key);
    }
}
