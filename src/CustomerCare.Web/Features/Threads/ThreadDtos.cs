using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Web.Features.Threads;

public enum ThreadOutcome
{
    Posted,
    Edited,
    SignInRequired,

    /// <summary>The post (or the reply) does not exist or the viewer may not see it.</summary>
    NotFound,

    /// <summary>The post was removed or merged into another idea: its thread takes no more replies.</summary>
    Closed,

    /// <summary>An internal note by a customer, or an edit of someone else's reply.</summary>
    NotAllowed,

    /// <summary>The reply answered is not a reply of this post (or one the viewer may see).</summary>
    ParentNotFound,
    Empty,
    TooLong,

    /// <summary>The author's 15 minutes for corrections are over.</summary>
    EditWindowClosed,

    /// <summary>A resolution proposal by someone who is not the complaint's owner: take it over first.</summary>
    NotOwner,

    /// <summary>A resolution proposal on a complaint that is solved already.</summary>
    AlreadySolved,

    /// <summary>The writer replied as often as their limit allows for now; <see cref="ThreadResult.RetryAfter"/> says how long to wait.</summary>
    LimitReached,
    /// <summary>The team blocked the writer; <see cref="ThreadResult.Block"/> says why.</summary>
    Blocked,

    /// <summary>More pictures than a reply takes, or one without its description: nothing was written, the text stays.</summary>
    PicturesRefused,
}

/// <summary>Why a reply is written: most are ordinary; a proposal and a customer's "not yet" do a little more.</summary>
public enum ReplyIntent
{
    Ordinary,

    /// <summary>The complaint's owner proposes this answer as the resolution.</summary>
    ResolutionProposal,

    /// <summary>The customer says what is still missing; a solved complaint opens again.</summary>
    Reopen,
}

/// <summary>
/// What became of a reply or an edit. <see cref="MessageKey"/> names the UI string that explains it;
/// <see cref="Reply"/> is the reply as saved, when it was; <see cref="RetryAfter"/> how long a writer at their limit waits.
/// </summary>
public sealed record ThreadResult(ThreadOutcome Outcome, ReplyView? Reply = null, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Outcome is ThreadOutcome.Posted or ThreadOutcome.Edited;

    /// <summary>Set when <see cref="Outcome"/> is <see cref="ThreadOutcome.Blocked"/>: its reason goes into the message.</summary>
    public PostingBlock? Block { get; init; }

    public string MessageKey => Block is null ? $"Thread_{Outcome}" : Block.Key;

    /// <summary>The wait in whole minutes, the value of the <see cref="ThreadOutcome.LimitReached"/> message (the others have none).</summary>
    public int WaitMinutes => ActivityLimits.Minutes(RetryAfter ?? TimeSpan.Zero);
}
