namespace CustomerCare.Web.Live;

/// <summary>
/// Someone on a page: <paramref name="Key"/> is the user id (or one per anonymous visit), so two tabs count once.
/// Staff are shown with their job title, or as the team when they have none.
/// </summary>
public sealed record PresencePerson(string Key, string Name, string? JobTitle = null, bool WorksHere = false);

/// <summary>Who is on a thread now, and who of them is writing (the reader left out of both).</summary>
public sealed record PresenceSnapshot(int Others, IReadOnlyList<PresencePerson> Typing)
{
    public static PresenceSnapshot Nobody { get; } = new(0, []);
}

/// <summary>
/// One server's people on one post, sent whenever they change and repeated as a heartbeat, so every server
/// can add up the others' and forget a server that stopped announcing.
/// </summary>
public sealed record PresenceAnnounced(int PostId, string ServerId, IReadOnlyList<string> PersonKeys, DateTime OccurredAt)
    : LiveEvent(PresenceTopics.Public(PostId), OccurredAt);

/// <summary>
/// Someone started or stopped writing in a thread. Writing an internal note is told only on the staff
/// topic: a customer must not even learn that staff are writing something they will never see.
/// </summary>
public sealed record TypingChanged(int PostId, PresencePerson Person, bool IsTyping, bool InternalNote, DateTime OccurredAt)
    : LiveEvent(PresenceTopics.For(PostId, InternalNote), OccurredAt);

public static class PresenceTopics
{
    public static string Public(int postId) => $"presence:{postId}";

    public static string Staff(int postId) => $"presence:{postId}:staff";

    public static string For(int postId, bool staffOnly) => staffOnly ? Staff(postId) : Public(postId);
}
