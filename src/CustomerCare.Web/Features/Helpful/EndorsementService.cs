using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Helpful;

/// <summary>
/// "Endorsed by Anna Berger, Customer Care": someone who works here vouches for a customer's answer in a thread every
/// reader of it may read, so other customers know they can rely on it. One endorsement per answer (the first colleague's
/// name stays; they, or any colleague, may take it back). The answer's writer hears of it in the bell; every open page
/// of the post shows it at once.
/// </summary>
public sealed class EndorsementService(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, NotificationService notifications)
{
    public async Task<EndorsementResult> SetAsync(long replyId, bool endorse, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.WorksHere || viewer.UserId is not { } userId)
        {
            return new(EndorsementOutcome.NotAllowed);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = db.StaffUserIds;
        var reply = await db.Replies.AsNoTracking()
            .Where(r => r.Id == replyId && db.Posts.Any(p => p.Id == r.PostId && p.RemovedAt == null))
            .Select(r => new
            {
                r.PostId, r.AuthorId, r.IsInternalNote, r.HeldAt, r.HiddenAt, r.EndorsedById, ByStaff = staff.Contains(r.AuthorId),
            })
            .FirstOrDefaultAsync(ct);
        if (reply is null)
        {
            return new(EndorsementOutcome.NotFound);
        }

        if (reply.ByStaff || reply.IsInternalNote || reply.HeldAt is not null || reply.HiddenAt is not null)
        {
            return new(EndorsementOutcome.NotEndorsable);
        }

        var now = time.StoredUtcNow();
        if (!endorse)
        {
            var withdrawn = await db.Replies.Where(r => r.Id == replyId && r.EndorsedById != null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndorsedById, (string?)null).SetProperty(r => r.EndorsedAt, (DateTime?)null), ct);
            if (withdrawn > 0)
            {
                await bus.PublishAsync(new ReplyEndorsed(reply.PostId, replyId, null, now), ct);
            }

            return new(EndorsementOutcome.Withdrawn);
        }

        // Guarded: of two colleagues at once, the first one's name stays.
        var endorsed = await db.Replies.Where(r => r.Id == replyId && r.EndorsedById == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndorsedById, userId).SetProperty(r => r.EndorsedAt, now), ct);
        if (endorsed == 0)
        {
            var standing = await db.Replies.AsNoTracking().Where(r => r.Id == replyId && r.EndorsedById != null)
                .Select(r => new Endorsement(r.EndorsedById!, r.EndorsedBy!.DisplayName, r.EndorsedBy.JobTitle, r.EndorsedAt!.Value))
                .FirstOrDefaultAsync(ct);
            return standing is null ? new(EndorsementOutcome.NotFound)
                : new(standing.ById == userId ? EndorsementOutcome.Endorsed : EndorsementOutcome.EndorsedByAnother, standing);
        }

        var me = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.JobTitle }).FirstAsync(ct);
        var endorsement = new Endorsement(userId, me.DisplayName, me.JobTitle, now);
        await bus.PublishAsync(new ReplyEndorsed(reply.PostId, replyId, endorsement, now), ct);
        await notifications.NotifyAsync(new(NotificationKind.Endorsed, reply.PostId, userId, replyId, RecipientId: reply.AuthorId));
        return new(EndorsementOutcome.Endorsed, endorsement);
    }

    /// <summary>Whether the viewer is offered to endorse the reply: someone who works here, on a customer's visible answer.</summary>
    public static bool Offers(ReplyView reply, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.WorksHere && !reply.Author.IsStaff && HelpfulService.Markable(reply);
    }
}
