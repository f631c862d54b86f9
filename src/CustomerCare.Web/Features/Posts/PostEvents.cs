using CustomerCare.Data.Entities;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Posts;

// Events about a post that several features publish (a status changes by a decision or a complaint's end) or that
// every list and page of posts follows.

/// <summary>A new idea (or public complaint) for the boards that list its kind.</summary>
public sealed record PostCreated(PostSummary Post, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Board(Post.Kind), OccurredAt);

/// <summary>
/// A product owner moved an idea, or a complaint was solved or reopened; carries what the page shows in its status and
/// history, and for a complaint how it ended (<paramref name="Outcome"/>, null while open). <paramref name="ById"/> lets the
/// person who made the change go unannounced on their own page (they see it where they acted).
/// </summary>
public sealed record StatusChanged(
    int PostId, PostStatus From, PostStatus To, string ByName, string? Note, string? ShippedIn, DateTime OccurredAt,
    ComplaintOutcome? Outcome = null, string? ById = null)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);

/// <summary>An author or staff member edited a post; carries the new text.</summary>
public sealed record PostEdited(int PostId, string Title, string Body, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);

/// <summary>Staff removed a post (softly); open pages of it say so.</summary>
public sealed record PostRemoved(int PostId, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);

/// <summary>Staff restored a removed post; open pages of it ask again, as who may see it depends on the viewer.</summary>
public sealed record PostRestored(int PostId, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);

/// <summary>
/// Staff hid a reply. Carries the reason every reader sees in its place, never the body: the thread keeps (staff) or
/// drops (everyone else) the text it has. Travels where the reply travels (<see cref="PostVisibility.TopicOf"/>).
/// </summary>
public sealed record ReplyHidden(int PostId, long ReplyId, ReplyHiding Hiding, bool StaffOnly, DateTime OccurredAt)
    : LiveEvent(StaffOnly ? LiveTopics.PostStaff(PostId) : LiveTopics.Post(PostId), OccurredAt);

/// <summary>Staff restored a hidden reply; carries it as it reads again.</summary>
public sealed record ReplyRestored(ReplyView Reply, int PostId, DateTime OccurredAt)
    : LiveEvent(PostVisibility.TopicOf(PostId, Reply), OccurredAt);

/// <summary>An idea (<paramref name="ReplyId"/> null) or a reply waits for approval: the moderation queue shows it (staff only).</summary>
public sealed record HeldForApproval(int PostId, long? ReplyId, HoldReason Reason, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Moderation, OccurredAt);
