namespace CustomerCare.Web.Live;

/// <summary>
/// Something that changed and that open pages should show at once. Events carry the new data, so a
/// thousand open pages need not each ask the database again.
/// </summary>
public abstract record LiveEvent(string Topic, DateTime OccurredAt);

/// <summary>An idea's vote count after a vote was cast or taken back.</summary>
public sealed record VoteCountChanged(int PostId, int VoteCount, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);

public static class LiveTopics
{
    /// <summary>Everything about one idea or complaint: its counts, replies and status.</summary>
    public static string Post(int postId) => $"post:{postId}";

    /// <summary>What only people who work here may see about a post (internal notes); customers never subscribe.</summary>
    public static string PostStaff(int postId) => $"post:{postId}:staff";

    /// <summary>New posts of one kind. Only public posts are published here: a board is open to everyone.</summary>
    public static string Board(Data.Entities.PostKind kind) => $"board:{kind}";

    /// <summary>
    /// The staff desk of open complaints. Staff-only: only the desk page (which refuses everyone else) subscribes,
    /// and the public hub never joins it.
    /// </summary>
    public const string Desk = "desk:complaints";

    /// <summary>What concerns one person only (their notifications); only that person's own pages subscribe.</summary>
    public static string User(string userId) => $"user:{userId}";
}

/// <summary>Someone's notifications changed (new ones, or read); carries their new unread count for the bell.</summary>
public sealed record NotificationsChanged(string UserId, int Unread, DateTime OccurredAt)
    : LiveEvent(LiveTopics.User(UserId), OccurredAt);

/// <summary>
/// Someone's follow of a post may have changed (they chose, or their vote or reply made them follow): their own
/// open pages of that post read it again, so the follow button never says "Follow" to someone who follows.
/// </summary>
public sealed record FollowChanged(string UserId, int PostId, DateTime OccurredAt)
    : LiveEvent(LiveTopics.User(UserId), OccurredAt);

/// <summary>A new idea (or public complaint) for the boards that list its kind.</summary>
public sealed record PostCreated(Features.Posts.PostSummary Post, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Board(Post.Kind), OccurredAt);

/// <summary>
/// A product owner moved an idea, or a complaint was solved or reopened; carries what the page shows in its status and
/// history, and for a complaint how it ended (<paramref name="Outcome"/>, null while open).
/// </summary>
public sealed record StatusChanged(
    int PostId, Data.Entities.PostStatus From, Data.Entities.PostStatus To, string ByName, string? Note, string? ShippedIn, DateTime OccurredAt,
    Data.Entities.ComplaintOutcome? Outcome = null)
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

/// <summary>Staff pinned a reply as the official answer, or unpinned it (<paramref name="ReplyId"/> null).</summary>
public sealed record OfficialAnswerChanged(int PostId, long? ReplyId, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(PostId), OccurredAt);

/// <summary>A duplicate was merged into another idea; open pages of the duplicate point there.</summary>
public sealed record PostMerged(int DuplicateId, int OriginalId, string OriginalTitle, DateTime OccurredAt)
    : LiveEvent(LiveTopics.Post(DuplicateId), OccurredAt);
