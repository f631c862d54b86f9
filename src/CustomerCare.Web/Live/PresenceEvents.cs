using System.Text.Json.Serialization;

namespace CustomerCare.Web.Live;

/// <summary>
/// Someone on a page: <paramref name="Key"/> is the user id (or one per anonymous visit, starting with
/// <see cref="VisitorPrefix"/>), so two tabs count once. Staff are shown with their job title, or as the team when they
/// have none. It travels between servers (typing), never to a browser or a hub client.
/// </summary>
public sealed record PresencePerson(string Key, string Name, string? JobTitle = null, bool WorksHere = false)
{
    public const string VisitorPrefix = "visit:";

    /// <summary>Not signed in: counted, and shown no one's name.</summary>
    [JsonIgnore]
    public bool IsVisitor => Key.StartsWith(VisitorPrefix, StringComparison.Ordinal);
}

/// <summary>
/// How many others are on a thread now and how many of them write (the reader left out of both), and who writes — for
/// signed-in readers only: a visitor's and a hub client's <see cref="Typing"/> is empty, their <see cref="TypingCount"/> is not.
/// </summary>
public sealed record PresenceSnapshot(int Others, IReadOnlyList<PresencePerson> Typing, int TypingCount)
{
    public static PresenceSnapshot Nobody { get; } = new(0, [], 0);
}

/// <summary>
/// What the public hub tells a connection about a thread (<c>event("PresenceCount", …)</c>): how many people read it and
/// how many write, never who, nor which servers they are on.
/// </summary>
public sealed record PresenceCount(int PostId, int People, int Typing)
{
    public static PresenceCount Of(int postId, PresenceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(postId, snapshot.Others, snapshot.TypingCount);
    }
}

/// <summary>
/// One server's people on one post, sent whenever they change and repeated as a heartbeat, so every server
/// can add up the others' and forget a server that stopped announcing. Between servers only: the hub does not relay it.
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
