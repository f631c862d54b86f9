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
}
