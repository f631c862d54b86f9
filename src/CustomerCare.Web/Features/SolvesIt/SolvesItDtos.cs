using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.SolvesIt;

/// <summary>
/// "Does this solve it for you?" on a shipped idea: how many said yes and not yet, and what the viewer said
/// (<see cref="Mine"/> null: not answered, or not signed in).
/// </summary>
public sealed record SolvesItView(int Solves, int NotYet, bool? Mine);

public enum SolvesItOutcome
{
    /// <summary>The answer is counted (a first answer, or a change of mind that replaced the earlier one).</summary>
    Answered,
    SignInRequired,

    /// <summary>No such idea, removed, or one the viewer may not see (the same answer for all three).</summary>
    NotFound,

    /// <summary>Only a shipped idea asks whether it solves it.</summary>
    NotShipped,

    /// <summary>A merged duplicate: the answer belongs on the idea it was merged into.</summary>
    Merged,
}

/// <summary>What became of an answer; <see cref="MessageKey"/> names the UI string, <see cref="Feedback"/> the new counts.</summary>
public sealed record SolvesItResult(SolvesItOutcome Outcome, SolvesItView? Feedback = null)
{
    public bool Succeeded => Outcome == SolvesItOutcome.Answered;

    public string MessageKey => $"SolvesIt_{Outcome}";
}
