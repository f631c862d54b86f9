using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Staff;

/// <summary>
/// The complaints desk: every open complaint with its customer's tenure and history, its owner and its response
/// clock in business time, most urgent first; filtered by owner, escalation or the customer's tenure. Only people who
/// work here may ask.
/// </summary>
public sealed class StaffDeskService(IDbContextFactory<CareDb> dbs, ResponseClock clock)
{
    public async Task<DeskView> ListAsync(DeskQuery query, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.WorksHere)
        {
            throw new UnauthorizedAccessException("Only staff can open the staff desk.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var open = OpenComplaints.Query(db).AsNoTracking();
        var staff = db.StaffUserIds;
        var rows = await open
            .Select(p => new
            {
                p.Id,
                p.Title,
                p.OwnerId,
                p.Mood,
                p.Rating,
                Customer = new AuthorInfo(p.AuthorId, p.Author!.DisplayName, p.Author.AvatarUrl, p.Author.JobTitle, p.Author.CustomerSince,
                    staff.Contains(p.AuthorId)),
                Owner = p.OwnerId == null ? null : new AuthorInfo(p.OwnerId, p.Owner!.DisplayName, p.Owner.AvatarUrl, p.Owner.JobTitle,
                    p.Owner.CustomerSince, true),
                Earlier = db.Posts.Count(o => o.Kind == PostKind.Complaint && o.AuthorId == p.AuthorId && o.RemovedAt == null
                    && (o.CreatedAt < p.CreatedAt || (o.CreatedAt == p.CreatedAt && o.Id < p.Id))),
                EarlierSolved = db.Posts.Count(o => o.Kind == PostKind.Complaint && o.AuthorId == p.AuthorId && o.RemovedAt == null
                    && o.Status == PostStatus.Solved && (o.CreatedAt < p.CreatedAt || (o.CreatedAt == p.CreatedAt && o.Id < p.Id))),
            })
            .ToListAsync(ct);
        var clocks = await OpenComplaints.Clocks(db, open).ToDictionaryAsync(c => c.Id, ct);

        // Business time is computed in memory: opening hours and holidays are the portal's wall-clock facts,
        // which no database can evaluate (see ResponseClock).
        var all = rows.ConvertAll(r =>
        {
            var c = clocks[r.Id];
            var since = c.WaitingSince;
            return new DeskRow(r.Id, r.Title, r.Customer, new(r.Earlier, r.EarlierSolved), r.Mood, r.Owner,
                since, c.FirstAnswer, ClockOf(since, c.FirstAnswer), c.EscalatedAt, r.Rating);
        });
        var unanswered = all.Count(r => r.Waiting);
        IEnumerable<DeskRow> shown = query.Filter switch
        {
            DeskFilter.Mine => all.Where(r => r.Owner?.Id == viewer.UserId),
            DeskFilter.Unassigned => all.Where(r => r.Owner is null),
            DeskFilter.Escalated => all.Where(r => r.EscalatedAt is not null),
            _ => all,
        };
        if (query.MinTenureYears is { } years)
        {
            // The response clock's now: the same instant the waits on this desk are measured against.
            var joinedBy = clock.UtcNow.AddYears(-years);
            shown = shown.Where(r => r.Customer.CustomerSince <= joinedBy);
        }

        return new(Order(shown, query), unanswered);
    }

    /// <summary>
    /// The same desk a while later, without asking the database: the clocks run on, rows turn overdue and move up.
    /// Nothing else changes with time alone; whatever does (a reply, a new owner) comes as a desk event.
    /// </summary>
    public DeskView Advance(DeskView desk, DeskQuery query)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(query);
        return desk with { Rows = Order(desk.Rows.Select(r => r with { Clock = ClockOf(r.WaitingSince, r.FirstAnswer) }), query) };
    }

    private ResponseState? ClockOf(DateTime? waitingSince, bool firstAnswer) =>
        waitingSince is { } since ? clock.For(since, firstAnswer) : null;

    private static DeskRow[] Order(IEnumerable<DeskRow> rows, DeskQuery query) =>
        [.. query.ByTenure ? rows.OrderBy(r => r.Customer.CustomerSince).ThenBy(r => r.SortKey) : rows.OrderBy(r => r.SortKey)];

    /// <summary>How many open complaints are escalated now: the team lead's badge. Only people who work here may ask.</summary>
    public async Task<int> CountEscalatedAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.WorksHere)
        {
            throw new UnauthorizedAccessException("Only staff can count escalated complaints.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await OpenComplaints.Query(db).CountAsync(p => p.EscalatedAt != null, ct);
    }
}
