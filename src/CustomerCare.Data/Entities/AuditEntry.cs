namespace CustomerCare.Data.Entities;

public enum AuditAction
{
    Edited,
    Removed,
    Restored,
    Merged,

    /// <summary>Staff linked a complaint to the idea it led to (or replaced the link); stored as text, max 16 characters.</summary>
    IdeaLinked,
    IdeaUnlinked,

    /// <summary>Staff hid a reply (<see cref="AuditEntry.ReplyId"/>); <c>Restored</c> with a reply id brings it back.</summary>
    Hidden,

    /// <summary>Staff approved an idea or reply that waited for approval.</summary>
    Approved,

    /// <summary>Staff rejected a waiting idea (removed) or reply (hidden), with the reason.</summary>
    Rejected,
}

/// <summary>Who changed or removed what, when and why: moderation is accountable.</summary>
public sealed class AuditEntry
{
    public const int ReasonMaxLength = 500;
    public const int DetailsMaxLength = 4_000;

    public long Id { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    public long? ReplyId { get; set; }

    public required AuditAction Action { get; set; }

    public required string ActorId { get; set; }

    public CareUser? Actor { get; set; }

    public string? Reason { get; set; }

    /// <summary>What was there before (e.g. the old title and body of an edit), so nothing is lost.</summary>
    public string? Details { get; set; }

    public required DateTime At { get; set; }
}
