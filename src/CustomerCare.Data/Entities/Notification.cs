namespace CustomerCare.Data.Entities;

/// <summary>What a notification tells; each kind has its own mail choice (<see cref="NotificationPreference"/>).</summary>
public enum NotificationKind
{
    /// <summary>A public reply on something the recipient follows.</summary>
    Reply,

    /// <summary>An idea the recipient follows moved (under review, planned, in progress, declined).</summary>
    StatusChanged,

    /// <summary>An idea the recipient voted for or follows shipped: "Does this solve it for you?"</summary>
    Shipped,

    /// <summary>Someone took over the recipient's complaint; the customer learns the new face.</summary>
    ComplaintOwner,

    /// <summary>The owner proposes a resolution to the recipient's complaint and asks them to confirm.</summary>
    ResolutionProposed,

    /// <summary>A new idea in a category the recipient follows.</summary>
    NewIdea,

    /// <summary>A complaint missed its answer target (team leads).</summary>
    Escalated,

    /// <summary>A customer thanked the recipient for a reply, for solving their complaint, or (a customer) for the answer that solved it.</summary>
    Thanked,

    /// <summary>Someone who works here endorsed the recipient's (a customer's) answer.</summary>
    Endorsed,

    /// <summary>The post's author or someone who works here marked the recipient's reply as the answer.</summary>
    Answered,

    /// <summary>Someone mentioned the recipient (<c>@[Name](id)</c>) in a reply the recipient may see.</summary>
    Mentioned,
}

/// <summary>
/// One thing one person should learn, in the portal (the bell) and, by their choice, by mail. Stored as facts
/// (kind, post, reply, actor, detail), rendered in the reader's language when shown or mailed.
/// </summary>
public sealed class Notification
{
    public const int DetailMaxLength = 2_000;

    public long Id { get; set; }

    public required string UserId { get; set; }

    public CareUser? User { get; set; }

    public required NotificationKind Kind { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    /// <summary>The exact reply the notification links to, if any.</summary>
    public long? ReplyId { get; set; }

    /// <summary>Who did it; null when the portal did (an escalation).</summary>
    public string? ActorId { get; set; }

    public CareUser? Actor { get; set; }

    /// <summary>What changed, as data: the new status, the release, the product owner's note.</summary>
    public string? Detail { get; set; }

    public required DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    /// <summary>When it went out by mail (instantly or in a digest); null while it still may.</summary>
    public DateTime? EmailedAt { get; set; }
}
