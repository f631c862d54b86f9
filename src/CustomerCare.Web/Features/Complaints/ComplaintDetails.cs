using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>What a complaint's page shows besides the thread: owner, hand-overs, the response promise and the resolution.</summary>
internal static class ComplaintDetails
{
    public static async Task<ComplaintInfo> ReadAsync(
        CareDb db, IQueryable<Post> visible, int id, Viewer viewer, TimeSpan autoCloseAfter, CancellationToken ct)
    {
        var staff = db.StaffUserIds;
        var row = await visible
            .Select(p => new
            {
                p.Mood,
                p.Reference,
                p.AuthorId,
                p.Status,
                p.Outcome,
                p.Rating,
                p.RatingComment,
                p.RatedAt,
                Owner = p.OwnerId == null ? null : new AuthorInfo(p.OwnerId, p.Owner!.DisplayName, p.Owner.AvatarUrl, p.Owner.JobTitle,
                    p.Owner.CustomerSince, staff.Contains(p.OwnerId)),
            })
            .FirstAsync(ct);
        var handovers = await db.ComplaintHandovers.AsNoTracking()
            .Where(h => h.PostId == id)
            .OrderBy(h => h.At)
            .Select(h => new HandoverView(
                h.FromOwnerId == null ? null : h.FromOwner!.DisplayName, h.ToOwner!.DisplayName, h.ById == null ? null : h.By!.DisplayName, h.Reason, h.At))
            .ToListAsync(ct);

        // The desk's and the escalation job's rule of who waits since when, so the page promises what the desk counts.
        var clock = await OpenComplaints.Clocks(db, visible).FirstAsync(ct);
        var mayReadPrivate = viewer.WorksHere || viewer.UserId == row.AuthorId;
        var solved = row.Status == PostStatus.Solved;
        var solvedAt = solved
            ? await db.StatusChanges.Where(s => s.PostId == id && s.To == PostStatus.Solved).MaxAsync(s => (DateTime?)s.ChangedAt, ct)
            : null;
        var proposals = db.Replies.AsNoTracking().Where(r => r.PostId == id && r.IsResolutionProposal && !r.IsInternalNote);
        var latest = await proposals.OrderByDescending(r => r.CreatedAt)
            .Select(r => new PendingProposal(r.Id, r.Author!.DisplayName, r.CreatedAt)).FirstOrDefaultAsync(ct);
        var pending = !solved && latest is not null && (clock.LastCustomerReply is not { } answered || latest.At > answered) ? latest : null;
        var accepted = row.Outcome == ComplaintOutcome.ConfirmedByCustomer && solvedAt is { } confirmedAt
            ? await proposals.Where(r => r.CreatedAt <= confirmedAt).OrderByDescending(r => r.CreatedAt).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct)
            : null;
        var rating = mayReadPrivate && row.Rating is { } stars ? new ComplaintRatingView(stars, row.RatingComment, row.RatedAt ?? default) : null;
        return new(row.Mood, mayReadPrivate ? row.Reference : null, row.Owner, handovers,
            solved ? null : clock.WaitingSince, clock.FirstAnswer,
            row.Outcome, rating, pending, accepted, clock.SilentSince, solved ? null : clock.MayCloseFrom(autoCloseAfter), solvedAt,
            await ComplaintIdeaLinkService.LinkedIdeaAsync(db, visible, ct));
    }
}
