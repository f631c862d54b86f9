namespace CustomerCare.Web.Live;

/// <summary>
/// Something that changed and that open pages should show at once. Events carry the new data, so a
/// thousand open pages need not each ask the database again.
/// </summary>
public abstract record LiveEvent(string Topic, DateTime OccurredAt);

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

    /// <summary>
    /// The moderation queue: reports, posts that wait for approval, hides and blocks. Staff-only like the desk: only the
    /// queue page (which refuses everyone else) subscribes, and the public hub has no way to join it.
    /// </summary>
    public const string Moderation = "moderation";

    /// <summary>
    /// Every product owner's decision on an idea (a status change, a merge), whichever idea it is: the insights count ideas
    /// by status. Staff-only like the desk: only the insights page (which refuses everyone else) subscribes, and the
    /// public hub has no way to join it.
    /// </summary>
    public const string Decisions = "decisions";

    /// <summary>What concerns one person only (their notifications); only that person's own pages subscribe.</summary>
    public static string User(string userId) => $"user:{userId}";
}
