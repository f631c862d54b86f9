using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Web.Features.Helpful;

public enum HelpfulOutcome
{
    /// <summary>The reply counts the viewer's mark (now, or already).</summary>
    Marked,

    /// <summary>The reply counts no mark of the viewer (now, or already).</summary>
    Unmarked,
    SignInRequired,

    /// <summary>No such reply, or one the viewer may not see, or its post was removed (the same answer for all three).</summary>
    NotFound,

    /// <summary>Nobody marks their own reply helpful.</summary>
    OwnReply,

    /// <summary>An internal note, a reply that waits for approval, or one the team hid: nothing to mark.</summary>
    NotMarkable,

    /// <summary>The team blocked the person; <see cref="HelpfulResult.Block"/> says why.</summary>
    Blocked,
}

/// <summary>What became of a mark; <see cref="Count"/> is the reply's count after it, <see cref="MessageKey"/> the UI string.</summary>
public sealed record HelpfulResult(HelpfulOutcome Outcome, int Count = 0, bool Changed = false)
{
    public bool Succeeded => Outcome is HelpfulOutcome.Marked or HelpfulOutcome.Unmarked;

    public PostingBlock? Block { get; init; }

    public string MessageKey => Block?.Key ?? $"Helpful_{Outcome}";
}
