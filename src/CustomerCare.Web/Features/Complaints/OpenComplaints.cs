using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Insights;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>An open complaint's clock inputs as the database has them; <see cref="WaitingSince"/> decides in memory.</summary>
public sealed record OpenComplaintClock(int Id, DateTime CreatedAt, DateTime? LastCustomerReply, DateTime? LastStaffReply, DateTime? EscalatedAt)
{
    /// <summary>Since when the customer waits for the company: filing or their last public message, if no staff answer came after it.</summary>
    public DateTime? WaitingSince
    {
        get
        {
            var lastCustomer = LastCustomerReply is { } reply && reply > CreatedAt ? reply : CreatedAt;
            return LastStaffReply is null || LastStaffReply < lastCustomer ? lastCustomer : null;
        }
    }

    /// <summary>Since when a staff answer is the latest word, so the company waits for the customer; null while the customer waits.</summary>
    public DateTime? SilentSince => WaitingSince is null ? LastStaffReply : null;

    /// <summary>From when staff may close the complaint for the customer's silence; null while the customer waits.</summary>
    public DateTime? MayCloseFrom(TimeSpan autoCloseAfter) => SilentSince + autoCloseAfter;

    /// <summary>No public staff answer yet: the first-answer target applies.</summary>
    public bool FirstAnswer => LastStaffReply is null;

    /// <summary>
    /// The clock as a complaint's page knows it (who waits since when, not every reply), for a page that follows new
    /// replies with <see cref="Heard"/>.
    /// </summary>
    public static OpenComplaintClock AsShown(int id, DateTime? waitingSince, DateTime? silentSince) =>
        new(id, DateTime.MinValue, waitingSince, silentSince, null);

    /// <summary>The clock after a public reply: the customer's word makes them wait, a staff answer starts the silence.</summary>
    public OpenComplaintClock Heard(DateTime at, bool byCustomer) =>
        byCustomer ? this with { LastCustomerReply = at } : this with { LastStaffReply = at };
}

/// <summary>The one definition of "open complaint" and its clock inputs, shared by the desk and the escalation job.</summary>
public static class OpenComplaints
{
    public static IQueryable<Post> Query(CareDb db) =>
        db.Posts.Where(p => p.Kind == PostKind.Complaint && p.Status != PostStatus.Solved && p.RemovedAt == null);

    /// <summary>
    /// Solves the complaint <paramref name="guarded"/> still matches, with its outcome, and ends the customer's wait in the
    /// same transaction (confirmed by the customer, or closed after silence); 0, with nothing written, when the guard
    /// matched no row.
    /// </summary>
    public static async Task<int> SolveAsync(
        IQueryable<Post> guarded, CareDb db, int postId, ComplaintOutcome outcome, DateTime now, CancellationToken ct)
    {
        var solved = await guarded.ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Status, PostStatus.Solved)
            .SetProperty(p => p.Outcome, outcome)
            .SetProperty(p => p.EscalatedAt, (DateTime?)null)
            .SetProperty(p => p.UpdatedAt, now), ct);
        return solved == 0 ? 0 : solved + await ComplaintWaits.EndAsync(db, postId, now, ct);
    }

    /// <summary>
    /// Only complaints whose customer waits for the company, in SQL: no public staff reply at or after their last
    /// message (the same rule as <see cref="OpenComplaintClock.WaitingSince"/>), so a job can bound its work to them.
    /// </summary>
    public static IQueryable<Post> Waiting(CareDb db, IQueryable<Post> complaints)
    {
        var staff = db.StaffUserIds;
        return complaints.Where(p => !p.Replies.Any(s => !s.IsInternalNote && staff.Contains(s.AuthorId) && s.CreatedAt >= p.CreatedAt
            && !p.Replies.Any(c => c.AuthorId == p.AuthorId && !c.IsInternalNote && c.CreatedAt > s.CreatedAt)));
    }

    public static IQueryable<OpenComplaintClock> Clocks(CareDb db, IQueryable<Post> complaints)
    {
        var staff = db.StaffUserIds;
        return complaints.Select(p => new OpenComplaintClock(
            p.Id,
            p.CreatedAt,
            p.Replies.Where(r => r.AuthorId == p.AuthorId && !r.IsInternalNote).Max(r => (DateTime?)r.CreatedAt),
            p.Replies.Where(r => !r.IsInternalNote && staff.Contains(r.AuthorId)).Max(r => (DateTime?)r.CreatedAt),
            p.EscalatedAt));
    }
}
