using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Pictures;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// Anonymizes complaints that ended (solved, or removed by the team) and saw no activity since the cut-off. What the
/// company counts stays: kind, status, outcome, mood, rating number, category, owner, linked idea, dates, the thread's
/// shape and who on the team answered. What the customer said or could be recognised by goes: title (a fixed marker),
/// text, reference, rating comment, every reply's text (staff answers quote the customer), notes of the status
/// history, hand-overs and audit trail, the reports, notifications and follows about it; the customer's own rows point
/// to <see cref="FormerCustomer"/> instead. <see cref="Post.AnonymizedAt"/> marks the complaint, so a second run (or a
/// second server) finds nothing to do.
/// </summary>
internal static class ClosedComplaints
{
    /// <summary>
    /// The title an anonymized complaint keeps (<see cref="Post.AnonymizedTitle"/>, shown in the reader's language); the
    /// search index then holds only these words.
    /// </summary>
    public const string AnonymizedTitle = Post.AnonymizedTitle;

    private static readonly string[] StaffRoleIds = [.. Roles.StaffRoleIds];

    public static IQueryable<Post> Due(CareDb db, DateTime cutoff) =>
        db.Posts.Where(p => p.Kind == PostKind.Complaint && p.AnonymizedAt == null
            && (p.Status == PostStatus.Solved || p.RemovedAt != null)
            && p.UpdatedAt < cutoff && (p.RatedAt == null || p.RatedAt < cutoff) && (p.RemovedAt == null || p.RemovedAt < cutoff)
            && !db.Replies.Any(r => r.PostId == p.Id && r.CreatedAt >= cutoff)
            && !db.StatusChanges.Any(c => c.PostId == p.Id && c.ChangedAt >= cutoff));

    /// <summary>Anonymizes at most <paramref name="batchSize"/> due complaints, longest quiet first; returns how many.</summary>
    public static async Task<int> AnonymizeBatchAsync(
        CareDb db, DateTime cutoff, DateTime now, int batchSize, IPictureStore pictureStore, CancellationToken ct)
    {
        var ids = await Due(db, cutoff).OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id).Select(p => p.Id).Take(batchSize).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var tx = await db.BeginWriteTransactionAsync(ct);
        // The claim: guarded by the same rule, so a complaint reopened since the read, or claimed by another server, is left.
        var claimed = await Due(db, cutoff).Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.AnonymizedAt, now), ct);
        if (claimed == 0)
        {
            return 0;
        }

        // Rows of a claimed complaint whose author is still the customer (the author moves to the placeholder last).
        var posts = db.Posts.Where(p => ids.Contains(p.Id) && p.AnonymizedAt != null && p.AuthorId != FormerCustomer.Id);
        await db.Replies.Where(r => posts.Any(p => p.Id == r.PostId
                && (p.AuthorId == r.AuthorId || !db.UserRoles.Any(ur => ur.UserId == r.AuthorId && StaffRoleIds.Contains(ur.RoleId)))))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.AuthorId, FormerCustomer.Id), ct);
        await db.Replies.Where(r => posts.Any(p => p.Id == r.PostId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Body, "").SetProperty(r => r.HiddenReason, (string?)null), ct);
        await db.StatusChanges.Where(c => posts.Any(p => p.Id == c.PostId && p.AuthorId == c.ChangedById))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ChangedById, FormerCustomer.Id), ct);
        await db.StatusChanges.Where(c => posts.Any(p => p.Id == c.PostId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Note, (string?)null), ct);
        await db.ComplaintHandovers.Where(h => posts.Any(p => p.Id == h.PostId))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Reason, (string?)null), ct);
        await db.AuditEntries.Where(a => posts.Any(p => p.Id == a.PostId && p.AuthorId == a.ActorId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorId, FormerCustomer.Id), ct);
        await db.AuditEntries.Where(a => posts.Any(p => p.Id == a.PostId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Details, (string?)null).SetProperty(a => a.Reason, (string?)null), ct);
        // The pictures go whole: a picture cannot be emptied as a text can, and anyone's may show the customer.
        var pictures = db.Pictures.Where(x => posts.Any(p => p.Id == x.PostId));
        var pictureIds = await pictures.Select(x => x.Id).ToListAsync(ct);
        await pictures.ExecuteDeleteAsync(ct);
        await db.Reports.Where(r => posts.Any(p => p.Id == r.PostId)).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => posts.Any(p => p.Id == n.PostId)).ExecuteDeleteAsync(ct);
        await db.PostFollows.Where(f => posts.Any(p => p.Id == f.PostId)).ExecuteDeleteAsync(ct);
        await posts.ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Title, AnonymizedTitle)
            .SetProperty(p => p.Body, "")
            .SetProperty(p => p.Reference, (string?)null)
            .SetProperty(p => p.RatingComment, (string?)null)
            .SetProperty(p => p.RemovalReason, (string?)null)
            .SetProperty(p => p.IsPublic, false)
            .SetProperty(p => p.AuthorId, FormerCustomer.Id), ct);
        await tx.CommitAsync(ct);
        pictureStore.Forget(pictureIds);
        return claimed;
    }
}
