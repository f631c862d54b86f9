namespace CustomerCare.Data.Entities;

/// <summary>What a reader says is wrong with a post or reply. Stored as text.</summary>
public enum ReportReason
{
    Spam,
    Abusive,
    PersonalData,
    OffTopic,

    /// <summary>Needs the note: the team must learn what is wrong.</summary>
    Other,
}

/// <summary>How the team closed a report. Stored as text.</summary>
public enum ReportResolution
{
    /// <summary>Looked at, nothing wrong: the target stays.</summary>
    Dismissed,

    /// <summary>The target was hidden (a reply) or removed (a post).</summary>
    Hidden,
}

/// <summary>
/// One person's report of a post (<see cref="ReplyId"/> null) or of one of its replies. A person has at most one open
/// report per target (<see cref="OpenKey"/>); staff resolve every open report of a target at once.
/// </summary>
public sealed class Report
{
    public const int NoteMaxLength = 500;

    /// <summary>PostId, reply id (0 for the post) and reporter, while open.</summary>
    public const int OpenKeyMaxLength = 500;

    public long Id { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    public long? ReplyId { get; set; }

    public Reply? Reply { get; set; }

    public required string ReporterId { get; set; }

    public CareUser? Reporter { get; set; }

    public required ReportReason Reason { get; set; }

    public string? Note { get; set; }

    public required DateTime CreatedAt { get; set; }

    /// <summary>
    /// "{post}:{reply or 0}:{reporter}" while the report is open, null once resolved. Unique: two clicks at once still
    /// leave one open report, on every provider (a nullable unique column admits many nulls on each of them).
    /// </summary>
    public string? OpenKey { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public string? ResolvedById { get; set; }

    public ReportResolution? Resolution { get; set; }

    public static string OpenKeyFor(int postId, long? replyId, string reporterId) => $"{postId}:{replyId ?? 0}:{reporterId}";
}
