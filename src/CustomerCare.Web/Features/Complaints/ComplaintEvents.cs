using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// A complaint has a new owner. Travels on the post's public topic: the customer sees the new face live, and the
/// hand-over line (who, why) is what the complaint page shows anyway. <paramref name="ById"/>: who made the change, whose
/// own page does not announce it.
/// </summary>
public sealed record ComplaintOwnerChanged(int PostId, AuthorInfo Owner, HandoverView Handover, DateTime OccurredAt, string? ById = null)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);

public enum ComplaintActivityKind
{
    Filed,
    CustomerReplied,
    StaffReplied,
    OwnerChanged,
    Escalated,

    /// <summary>The customer confirmed it solved: it leaves the desk.</summary>
    Solved,

    /// <summary>The customer reopened it with what is still missing: back on the desk, waiting.</summary>
    Reopened,

    /// <summary>Staff closed it after the customer's silence.</summary>
    Closed,
}

/// <summary>
/// Something happened on a complaint that moves its desk row. Staff-only topic; it carries only the id and what
/// happened, because the desk re-reads its rows (see docs/architecture.md, "The complaints desk").
/// </summary>
public sealed record ComplaintActivity(int PostId, ComplaintActivityKind Kind, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Desk, OccurredAt);

/// <summary>
/// The customer rated how the complaint was solved. Staff topic only: the rating and its comment are for the customer
/// and the people who work here, even on a public complaint; the customer's own page has the result already.
/// </summary>
public sealed record ComplaintRated(int PostId, ComplaintRatingView Rating, DateTime OccurredAt)
    : LiveEvent(LiveTopics.PostStaff(PostId), OccurredAt);

/// <summary>
/// Staff linked a complaint to an idea (<paramref name="Idea"/>) or removed the link (null). Travels on the complaint's
/// own topic, which only those who may see the complaint join; it carries public idea data only.
/// </summary>
public sealed record ComplaintIdeaLinked(int ComplaintId, LinkedIdeaView? Idea, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(ComplaintId), OccurredAt);
