using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Posts;

/// <summary>Resource keys of the title, body and category messages; shared by the services and the fields.</summary>
public static class PostErrors
{
    public const string TitleLength = "Propose_TitleLength";
    public const string BodyRequired = "Propose_BodyRequired";
    public const string BodyTooLong = "Propose_BodyTooLong";
    public const string CategoryUnknown = "Propose_CategoryUnknown";
    public const string PicturesRefused = "Propose_PicturesRefused";
}

public enum ProposeOutcome
{
    Created,
    SignInRequired,
    Invalid,

    /// <summary>The person proposed or filed as many as their limit allows for now; <see cref="ProposeResult.RetryAfter"/> says how long to wait.</summary>
    LimitReached,
    /// <summary>The team blocked the person; <see cref="ProposeResult.Block"/> says why.</summary>
    Blocked,
}

/// <summary>
/// <see cref="Errors"/> maps a field (<c>Title</c>, <c>Body</c> …) to the resource key of its message,
/// so the page can show each message at its field in the reader's language.
/// </summary>
public sealed record ProposeResult(ProposeOutcome Outcome, int? PostId, IReadOnlyDictionary<string, string> Errors, TimeSpan? RetryAfter = null)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public static ProposeResult Created(int postId) => new(ProposeOutcome.Created, postId, NoErrors);

    public static ProposeResult SignInRequired { get; } = new(ProposeOutcome.SignInRequired, null, NoErrors);

    public static ProposeResult Invalid(IReadOnlyDictionary<string, string> errors) => new(ProposeOutcome.Invalid, null, errors);

    public static ProposeResult LimitReached(TimeSpan retryAfter) => new(ProposeOutcome.LimitReached, null, NoErrors, retryAfter);
    public static ProposeResult Blocked(PostingBlock block) => new(ProposeOutcome.Blocked, null, NoErrors) { Block = block };

    /// <summary>Set when <see cref="Outcome"/> is <see cref="ProposeOutcome.Blocked"/>.</summary>
    public PostingBlock? Block { get; init; }
}

/// <summary>What every idea and complaint must be, whoever writes it: a proposal, a complaint or an edit.</summary>
public static class PostRules
{
    /// <summary>The lifecycle of an idea, in order; Solved belongs to complaints.</summary>
    public static readonly IReadOnlyList<PostStatus> IdeaStatuses =
        [PostStatus.Open, PostStatus.UnderReview, PostStatus.Planned, PostStatus.InProgress, PostStatus.Shipped, PostStatus.Declined];

    /// <summary>
    /// The same rules the fields show, keyed by field (<c>Title</c>, <c>Body</c>); empty when they may be saved. Takes the
    /// text as it will be stored (<see cref="TextRules.Line"/>, <see cref="TextRules.Block"/>), so lengths count what is kept.
    /// </summary>
    public static Dictionary<string, string> Validate(string title, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TitleFits(title))
        {
            errors[nameof(Post.Title)] = PostErrors.TitleLength;
        }

        if (BodyMissing(body))
        {
            errors[nameof(Post.Body)] = PostErrors.BodyRequired;
        }
        else if (BodyTooLong(body))
        {
            errors[nameof(Post.Body)] = PostErrors.BodyTooLong;
        }

        return errors;
    }

    /// <summary>5 to 120 characters as stored, of which something shows: a title of zero-width spaces is no title.</summary>
    public static bool TitleFits(string? title) =>
        TextRules.Line(title) is var clean && !TextRules.IsBlank(clean) && clean.Length is >= Post.TitleMinLength and <= Post.TitleMaxLength;

    /// <summary>Empty, or nothing that shows: the same "required" message for both.</summary>
    public static bool BodyMissing(string? body) => TextRules.IsBlank(body);

    /// <summary>Longer than <see cref="Post.BodyMaxLength"/> UTF-16 code units as it would be stored.</summary>
    public static bool BodyTooLong(string? body) => TextRules.Block(body).Length > Post.BodyMaxLength;
}
