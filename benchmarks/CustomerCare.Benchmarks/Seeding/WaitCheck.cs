using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Insights;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Benchmarks.Seeding;

/// <summary>
/// The stored waits of a sample of complaints against a rebuild by <see cref="ComplaintWaits.Walk"/> from what the database
/// holds (public replies by the author and by people in a staff role, status changes to Solved, the post's escalation mark),
/// read as the start-up's rebuild reads them. An escalation of an ended wait is history Walk cannot know, so only the open
/// wait's is compared.
/// </summary>
public static class WaitCheck
{
    public static async Task<(int Checked, int Mismatches)> SampleAsync(CareDb db, int sample, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = await db.Posts.AsNoTracking().Where(p => p.Kind == PostKind.Complaint).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var step = Math.Max(1, all.Count / Math.Max(1, sample));
        var ids = all.Where((_, i) => i % step == 0).ToList();
        var staff = db.StaffUserIds;
        var complaints = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.CreatedAt, p.AuthorId, p.EscalatedAt }).ToListAsync(ct);
        var replies = (await db.Replies.AsNoTracking().Where(r => ids.Contains(r.PostId) && !r.IsInternalNote)
            .Select(r => new { r.PostId, r.AuthorId, r.CreatedAt, Staff = staff.Contains(r.AuthorId) }).ToListAsync(ct)).ToLookup(r => r.PostId);
        var solved = (await db.StatusChanges.AsNoTracking().Where(s => ids.Contains(s.PostId) && s.To == PostStatus.Solved)
            .Select(s => new { s.PostId, s.ChangedAt }).ToListAsync(ct)).ToLookup(s => s.PostId, s => s.ChangedAt);
        var stored = (await db.ComplaintWaits.AsNoTracking().Where(w => ids.Contains(w.PostId)).ToListAsync(ct)).ToLookup(w => w.PostId);
        var mismatches = 0;
        foreach (var complaint in complaints)
        {
            var turns = replies[complaint.Id].Where(r => r.Staff || r.AuthorId == complaint.AuthorId)
                .Select(r => (r.CreatedAt, r.Staff ? ComplaintWaits.Turn.StaffAnswered : ComplaintWaits.Turn.CustomerWrote))
                .Concat(solved[complaint.Id].Select(at => (at, ComplaintWaits.Turn.Solved)));
            var rebuilt = ComplaintWaits.Walk(complaint.Id, complaint.CreatedAt, turns, complaint.EscalatedAt);
            if (!Shape(rebuilt).SequenceEqual(Shape(stored[complaint.Id])))
            {
                mismatches++;
            }
        }

        return (complaints.Count, mismatches);
    }

    private static IEnumerable<(DateTime Since, bool First, DateTime? EndedAt, DateTime? AnsweredAt, DateTime? OpenEscalatedAt)> Shape(
        IEnumerable<ComplaintWait> waits) =>
        waits.OrderBy(w => w.Since).Select(w => (w.Since, w.First, w.EndedAt, w.AnsweredAt, w.EndedAt is null ? w.EscalatedAt : null));
}
