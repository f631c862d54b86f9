using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Data.Insights;

/// <summary>
/// Keeps <see cref="ComplaintWait"/> in step with a complaint's thread, inside the transaction of the act that changes it:
/// filing opens the first wait, the customer's word opens one when none is open, a public staff answer ends it as
/// answered, solving ends it unanswered, an escalation marks it. The same rule rebuilds the waits of complaints from
/// before the table (<see cref="Walk"/>), so old and new complaints are measured alike.
/// </summary>
public static class ComplaintWaits
{
    public static IQueryable<ComplaintWait> Open(CareDb db, int postId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ComplaintWaits.Where(w => w.PostId == postId && w.EndedAt == null);
    }

    /// <summary>The customer wrote: they wait from now, unless they already do. First while no staff answer has come yet.</summary>
    public static async Task OpenAsync(CareDb db, int postId, DateTime at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await Open(db, postId).AnyAsync(ct))
        {
            return;
        }

        var answeredBefore = await db.ComplaintWaits.AnyAsync(w => w.PostId == postId && w.AnsweredAt != null, ct);
        db.ComplaintWaits.Add(new ComplaintWait { PostId = postId, Since = at, First = !answeredBefore });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A public staff answer ends the open wait; returns it (since when, first or next), or null when nobody waited.</summary>
    public static async Task<ComplaintWait?> AnswerAsync(CareDb db, int postId, DateTime at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await Open(db, postId).AsNoTracking().OrderBy(w => w.Since).FirstOrDefaultAsync(ct);
        if (open is null)
        {
            return null;
        }

        await Open(db, postId).ExecuteUpdateAsync(s => s.SetProperty(w => w.AnsweredAt, at).SetProperty(w => w.EndedAt, at), ct);
        open.AnsweredAt = open.EndedAt = at;
        return open;
    }

    /// <summary>The complaint was solved (confirmed, or closed after silence) while the customer's last word stood unanswered.</summary>
    public static Task<int> EndAsync(CareDb db, int postId, DateTime at, CancellationToken ct) =>
        Open(db, postId).ExecuteUpdateAsync(s => s.SetProperty(w => w.EndedAt, at), ct);

    public static Task<int> EscalateAsync(CareDb db, int postId, DateTime at, CancellationToken ct) =>
        Open(db, postId).Where(w => w.EscalatedAt == null).ExecuteUpdateAsync(s => s.SetProperty(w => w.EscalatedAt, at), ct);

    /// <summary>One moment of a complaint's history, as <see cref="Walk"/> reads it.</summary>
    public enum Turn
    {
        CustomerWrote,
        StaffAnswered,
        Solved,
    }

    /// <summary>
    /// The waits a complaint filed at <paramref name="filedAt"/> had, from its turns in time order: what the in-step
    /// writes above would have stored. <paramref name="escalatedAt"/> (the post's current mark) goes to the open wait.
    /// </summary>
    public static List<ComplaintWait> Walk(int postId, DateTime filedAt, IEnumerable<(DateTime At, Turn Turn)> turns, DateTime? escalatedAt)
    {
        var waits = new List<ComplaintWait>();
        var open = new ComplaintWait { PostId = postId, Since = filedAt, First = true };
        var answered = false;
        foreach (var (at, turn) in turns.OrderBy(t => t.At))
        {
            switch (turn)
            {
                case Turn.CustomerWrote when open is null:
                    open = new ComplaintWait { PostId = postId, Since = at, First = !answered };
                    break;
                case Turn.StaffAnswered when open is not null:
                    open.AnsweredAt = open.EndedAt = at;
                    answered = true;
                    waits.Add(open);
                    open = null;
                    break;
                case Turn.Solved when open is not null:
                    open.EndedAt = at;
                    waits.Add(open);
                    open = null;
                    break;
            }
        }

        if (open is not null)
        {
            open.EscalatedAt = escalatedAt;
            waits.Add(open);
        }

        return waits;
    }

    /// <summary>
    /// Rebuilds the waits of complaints that have none (filed before the table existed, or seeded), a batch at a time;
    /// every complaint filed since has its first wait from filing. Returns how many complaints it rebuilt.
    /// </summary>
    public static async Task<int> BackfillAsync(CareDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        const int Batch = 500;
        var total = 0;
        var staff = db.StaffUserIds;
        while (true)
        {
            var complaints = await db.Posts.AsNoTracking()
                .Where(p => p.Kind == PostKind.Complaint && !db.ComplaintWaits.Any(w => w.PostId == p.Id))
                .OrderBy(p => p.Id).Take(Batch)
                .Select(p => new { p.Id, p.CreatedAt, p.AuthorId, p.EscalatedAt })
                .ToListAsync(ct);
            if (complaints.Count == 0)
            {
                return total;
            }

            var ids = complaints.Select(c => c.Id).ToList();
            var replies = await db.Replies.AsNoTracking().Where(r => ids.Contains(r.PostId) && !r.IsInternalNote)
                .Select(r => new { r.PostId, r.AuthorId, r.CreatedAt, Staff = staff.Contains(r.AuthorId) })
                .ToListAsync(ct);
            var solved = await db.StatusChanges.AsNoTracking().Where(s => ids.Contains(s.PostId) && s.To == PostStatus.Solved)
                .Select(s => new { s.PostId, s.ChangedAt })
                .ToListAsync(ct);
            var repliesOf = replies.ToLookup(r => r.PostId);
            var solvedOf = solved.ToLookup(s => s.PostId, s => s.ChangedAt);
            foreach (var complaint in complaints)
            {
                // Other customers' words on a public complaint make nobody wait.
                var turns = repliesOf[complaint.Id]
                    .Where(r => r.Staff || r.AuthorId == complaint.AuthorId)
                    .Select(r => (r.CreatedAt, r.Staff ? Turn.StaffAnswered : Turn.CustomerWrote))
                    .Concat(solvedOf[complaint.Id].Select(at => (at, Turn.Solved)));
                db.ComplaintWaits.AddRange(Walk(complaint.Id, complaint.CreatedAt, turns, complaint.EscalatedAt));
            }

            await using (var tx = await db.BeginWriteTransactionAsync(ct))
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }

            db.ChangeTracker.Clear();
            total += complaints.Count;
        }
    }
}
