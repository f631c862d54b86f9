namespace CustomerCare.Web.Features.Decisions;

public enum StatusChangeOutcome
{
    Changed,
    NotAllowed,
    NotFound,
    InvalidStatus,
    Unchanged,
    ReasonRequired,
    NoteTooLong,
    ReleaseTooLong,
    ReleaseOnlyWhenShipped,

    /// <summary>Someone else moved the idea between reading and writing; the page shows their change live.</summary>
    Conflict,
}

/// <summary>What became of a status decision; <see cref="MessageKey"/> names the UI string that explains it.</summary>
public sealed record StatusChangeResult(StatusChangeOutcome Outcome)
{
    public bool Changed => Outcome == StatusChangeOutcome.Changed;

    public string MessageKey => $"Decision_{Outcome}";
}
