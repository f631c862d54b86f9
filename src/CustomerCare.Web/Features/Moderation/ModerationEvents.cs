using CustomerCare.Data.Entities;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Moderation;

// The moderation queue's events travel on LiveTopics.Moderation, which only the queue page (people who work here)
// subscribes to and the public hub cannot join. They carry ids and what happened, never who reported: the queue
// reads again on each (a handful of staff circuits, see docs/architecture.md, "Moderation").

/// <summary>Someone reported a post (<paramref name="ReplyId"/> null) or a reply.</summary>
public sealed record ReportFiled(int PostId, long? ReplyId, ReportReason Reason, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Moderation, OccurredAt);

/// <summary>What staff decided about a target in the queue.</summary>
public enum ModerationDecision
{
    Dismissed,
    Hidden,
    Restored,
    Approved,
    Rejected,
}

/// <summary>Staff decided about a post or reply: its reports or its wait for approval are over (or it is back).</summary>
public sealed record ModerationDecided(int PostId, long? ReplyId, ModerationDecision Kind, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Moderation, OccurredAt);

/// <summary>
/// Staff blocked a person. Nothing else happens here: what they may post is asked at their next act
/// (PostingRights). Whatever else a block should end (their open sessions) follows this event or is called beside it.
/// </summary>
public sealed record PersonBlocked(string UserId, string Reason, string ByName, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Moderation, OccurredAt);

public sealed record PersonUnblocked(string UserId, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Moderation, OccurredAt);

/// <summary>Staff approved an idea that waited: its open pages (its author's, staff's) read it again.</summary>
public sealed record PostApproved(int PostId, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);
