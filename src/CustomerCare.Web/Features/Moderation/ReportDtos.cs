using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Web.Features.Moderation;

public enum ReportOutcome
{
    Reported,
    SignInRequired,

    /// <summary>No such post or reply, or none the reporter may see (a private complaint, an internal note, a hidden reply).</summary>
    NotFound,

    /// <summary>Nobody reports their own post or reply.</summary>
    OwnContent,

    /// <summary>The reporter's earlier report of this target is still open.</summary>
    AlreadyReported,

    /// <summary>"Other" says nothing without the note.</summary>
    NoteRequired,
    NoteTooLong,

    /// <summary>The team blocked the reporter; <see cref="ReportResult.Block"/> says why.</summary>
    Blocked,

    /// <summary>The reporter sent as many reports as their limit allows for now; <see cref="ReportResult.RetryAfter"/> says how long to wait.</summary>
    LimitReached,

    /// <summary>Dismissing reports is for people who work here.</summary>
    NotAllowed,

    /// <summary>Nothing open to dismiss: a colleague was quicker.</summary>
    Unchanged,
    Dismissed,
}

/// <summary>What became of a report or a dismissal; <see cref="MessageKey"/> names the UI string.</summary>
public sealed record ReportResult(ReportOutcome Outcome)
{
    public PostingBlock? Block { get; init; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="ReportOutcome.LimitReached"/>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The wait in whole minutes, the value of the <see cref="ReportOutcome.LimitReached"/> message.</summary>
    public int WaitMinutes => ActivityLimits.Minutes(RetryAfter ?? TimeSpan.Zero);

    public bool Succeeded => Outcome is ReportOutcome.Reported or ReportOutcome.Dismissed;

    public string MessageKey => Block is null ? $"Report_{Outcome}" : Block.Key;
}

/// <summary>A report as the form sends it: the post, or one of its replies, and why.</summary>
public sealed record ReportInput(int PostId, long? ReplyId, ReportReason Reason, string? Note);
