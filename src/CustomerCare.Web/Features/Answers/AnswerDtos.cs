namespace CustomerCare.Web.Features.Answers;

public enum AnswerOutcome
{
    /// <summary>The reply is the post's answer now (or already was).</summary>
    Marked,

    /// <summary>The post has no answer now (or had none).</summary>
    Cleared,

    SignInRequired,

    /// <summary>Only the post's author and people who work here choose its answer.</summary>
    NotAllowed,

    /// <summary>No such post or reply the viewer may see, or the post was removed or merged.</summary>
    NotFound,

    /// <summary>Only public posts have an answer: a private complaint is a conversation between its customer and the team.</summary>
    NotPublic,

    /// <summary>Not an internal note, a reply that waits for approval or a hidden one, and not the post author's or the viewer's own.</summary>
    NotMarkable,
}

/// <summary>
/// What became of marking; <see cref="Solved"/>: the complaint's customer accepted another customer's answer and the
/// complaint is solved by it (now or before). <see cref="MessageKey"/> names the UI string.
/// </summary>
public sealed record AnswerResult(AnswerOutcome Outcome, bool Solved = false)
{
    public bool Succeeded => Outcome is AnswerOutcome.Marked or AnswerOutcome.Cleared;

    public string MessageKey => Outcome == AnswerOutcome.Marked && Solved ? "Answer_MarkedSolved" : $"Answer_{Outcome}";
}
