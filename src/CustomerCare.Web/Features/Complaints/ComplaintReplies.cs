using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Insights;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// What a public reply on a complaint means beyond the thread: a staff answer ends the customer's wait and with it an
/// escalation; the customer's word may reopen it (<see cref="ComplaintReopening"/>); a resolution proposal stands only while
/// its writer owns the open complaint; and the desk hears of every one of them.
/// </summary>
internal sealed class ComplaintReplies(ILiveBus bus, ResponseClock clock, CareMetrics metrics) : IReplyEffects
{
    public async Task<ReplyEffect> ApplyAsync(CareDb db, ReplyWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(write);
        if (write.Kind != PostKind.Complaint || write.Reply.IsInternalNote)
        {
            return ReplyEffect.None;
        }

        var (postId, writerId) = (write.PostId, write.Reply.AuthorId);
        // The post's row is locked by the reply's counter update, so this check holds until the commit.
        if (write.Reply.IsResolutionProposal
            && !await db.Posts.AnyAsync(p => p.Id == postId && p.OwnerId == writerId && p.Status != PostStatus.Solved, ct))
        {
            return ReplyEffect.Refused;
        }

        var at = write.Reply.CreatedAt;
        ComplaintWait? answered = null;
        if (write.ByStaff)
        {
            await db.Posts.Where(p => p.Id == postId && p.EscalatedAt != null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.EscalatedAt, (DateTime?)null), ct);
            answered = await ComplaintWaits.AnswerAsync(db, postId, at, ct);
        }

        var reopening = write.PostAuthorId == writerId
            ? new ComplaintReopening(postId, writerId, write.Author.DisplayName, Asked: write.Intent == ReplyIntent.Reopen, at)
            : null;
        var reopened = reopening is null ? null : await reopening.ApplyAsync(db, ct);
        if (reopening is not null)
        {
            await ComplaintWaits.OpenAsync(db, postId, at, ct);
        }

        var kind = write.ByStaff ? ComplaintActivityKind.StaffReplied : ComplaintActivityKind.CustomerReplied;
        return ReplyEffect.Then(async token =>
        {
            if (answered is { } wait)
            {
                var waited = clock.BusinessTimeBetween(wait.Since, at);
                metrics.Answered(wait.First, waited, waited <= clock.TargetFor(wait.First));
            }

            await bus.PublishAsync(new ComplaintActivity(postId, kind, write.Reply.CreatedAt), token);
            if (reopened is { } back)
            {
                await reopening!.PublishAsync(bus, back, token);
            }
        });
    }
}
