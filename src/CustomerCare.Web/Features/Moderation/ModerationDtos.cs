using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Moderation;

public enum ModerationOutcome
{
    Done,
    NotAllowed,
    NotFound,

    /// <summary>The author's 30 minutes are over, or someone who works here has answered in public.</summary>
    EditWindowClosed,

    /// <summary>Title, body or category break the rules; <see cref="ModerationResult.Errors"/> says which.</summary>
    Invalid,
    ReasonRequired,
    ReasonTooLong,

    /// <summary>Removing a removed post or restoring a post that is not removed.</summary>
    Unchanged,
}

/// <summary>
/// What became of an edit, removal or restore. <see cref="MessageKey"/> names the UI string;
/// <see cref="Errors"/> maps a field (Title, Body, CategoryId) to the resource key of its message.
/// </summary>
public sealed record ModerationResult(ModerationOutcome Outcome, IReadOnlyDictionary<string, string> Errors)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public ModerationResult(ModerationOutcome outcome)
        : this(outcome, NoErrors)
    {
    }

    public bool Succeeded => Outcome == ModerationOutcome.Done;

    public string MessageKey => $"Moderation_{Outcome}";
}

/// <summary>Whether the viewer may edit the post now; <see cref="ClosesAt"/> is set for an author's window.</summary>
public sealed record EditAccess(bool MayEdit, DateTime? ClosesAt, string Title, string Body, int? CategoryId)
{
    public static readonly EditAccess None = new(false, null, "", "", null);
}

/// <summary>One line of a post's audit trail; <see cref="ReplyId"/> is set when it concerns one of its replies.</summary>
public sealed record AuditEntryView(AuditAction Action, string ActorName, DateTime At, string? Reason, string? Details, long? ReplyId = null);
