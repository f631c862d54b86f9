using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Web.Features.Staff;

public enum DeskFilter
{
    All,
    Mine,
    Unassigned,

    /// <summary>Complaints whose answer target was breached and went up to the team lead (<see cref="DeskRow.EscalatedAt"/>).</summary>
    Escalated,
}

/// <summary>
/// What the desk asks for: whose complaints, whether long-standing customers come first, and whether only customers
/// of at least <see cref="MinTenureYears"/> years are shown.
/// </summary>
public sealed record DeskQuery(DeskFilter Filter = DeskFilter.All, bool ByTenure = false, int? MinTenureYears = null)
{
    /// <summary>The tenure steps the desk offers ("customers for at least 1 / 5 / 10 years").</summary>
    public static readonly IReadOnlyList<int> TenureSteps = [1, 5, 10];
}

/// <summary>The customer's earlier complaints (filed before this one) and how many of them ended solved.</summary>
public sealed record CustomerHistory(int EarlierComplaints, int EarlierSolved)
{
    public int EarlierOpen => EarlierComplaints - EarlierSolved;
}

/// <summary>
/// One open complaint on the desk. <see cref="Clock"/> is set while the customer waits for the company
/// (<see cref="WaitingSince"/>: filing, or their last message after a staff answer); null once staff answered.
/// <see cref="Rating"/> is the customer's 1–5 from before they reopened it, if they gave one.
/// </summary>
public sealed record DeskRow(
    int Id, string Title, AuthorInfo Customer, CustomerHistory History, ComplaintMood? Mood, AuthorInfo? Owner,
    DateTime? WaitingSince, bool FirstAnswer, ResponseState? Clock, DateTime? EscalatedAt, int? Rating = null)
{
    public bool Waiting => Clock is not null;

    public bool Overdue => Clock?.IsOverdue == true;

    public DeskSortKey SortKey => DeskSortKey.For(this);
}

/// <summary>
/// The desk order as one comparable key: <see cref="Tier"/> first (0 overdue, 1 angry and past half its target,
/// 2 waiting, 3 answered), then the longest business-time wait, then the oldest complaint (lowest id) for ties.
/// Overdue rows sort among themselves by how long they waited, so the most neglected customer is always on top.
/// </summary>
public readonly record struct DeskSortKey(int Tier, TimeSpan Waited, int Id) : IComparable<DeskSortKey>
{
    public static DeskSortKey For(DeskRow row)
    {
        var tier = row.Clock switch
        {
            null => 3,
            { IsOverdue: true } => 0,
            var c when row.Mood == ComplaintMood.Angry && c.Waited * 2 >= c.Target => 1,
            _ => 2,
        };
        return new(tier, row.Clock?.Waited ?? TimeSpan.Zero, row.Id);
    }

    public int CompareTo(DeskSortKey other)
    {
        var byTier = Tier.CompareTo(other.Tier);
        if (byTier != 0)
        {
            return byTier;
        }

        var byWait = other.Waited.CompareTo(Waited);
        return byWait != 0 ? byWait : Id.CompareTo(other.Id);
    }

    public static bool operator <(DeskSortKey left, DeskSortKey right) => left.CompareTo(right) < 0;

    public static bool operator >(DeskSortKey left, DeskSortKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(DeskSortKey left, DeskSortKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(DeskSortKey left, DeskSortKey right) => left.CompareTo(right) >= 0;
}

/// <summary>The desk: its rows in order, and how many customers wait for an answer (the goal is zero).</summary>
public sealed record DeskView(IReadOnlyList<DeskRow> Rows, int Unanswered);
