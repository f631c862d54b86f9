using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// A complaint has a new owner. Travels on the post's public topic: the customer sees the new face live, and the
/// hand-over line (who, why) is what the complaint page shows anyway.
/// </summary>
public sealed record ComplaintOwnerChanged(int PostId, AuthorInfo Owner, HandoverView Handover, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);

public enum ComplaintActivityKind
{
    Filed,
    CustomerReplied,
    StaffReplied,
    OwnerChanged,
    Escalated,
}

/// <summary>
/// Something happened on a complaint that moves its desk row. Staff-only topic; it carries only the id and what
/// happened, because the desk re-reads its rows (see docs/architecture.md, "The complaints desk").
/// </summary>
public sealed record ComplaintActivity(int PostId, ComplaintActivityKind Kind, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Desk, OccurredAt);
