using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Posts;

/// <summary>Resource keys of the title, body and category messages; shared by the services and the fields.</summary>
public static class PostErrors
{
    public const string TitleLength = "Propose_TitleLength";
    public const string BodyRequired = "Propose_BodyRequired";
    public const string BodyTooLong = "Propose_BodyTooLong";
    public const string CategoryUnknown = "Propose_CategoryUnknown";
}

public enum ProposeOutcome
{
    Created,
    SignInRequired,
    Invalid,

    /// <summary>The team blocked the person; <see cref="ProposeResult.Block"/> says why.</summary>
    Blocked,
}

/// <summary>
/// <see cref="Errors"/> maps a field (<c>Title</c>, <c>Body</c> …) to the resource key of its message,
/// so the page can show each message at its field in the reader's language.
/// </summary>
public sealed record ProposeResult(ProposeOutcome Outcome, int? PostId, IReadOnlyDictionary<string, string> Errors)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public static ProposeResult Created(int postId) => new(ProposeOutcome.Created, postId, NoErrors);

    public static ProposeResult SignInRequired { get; } = new(ProposeOutcome.SignInRequired, null, NoErrors);

    public static ProposeResult Invalid(IReadOnlyDictionary<string, string> errors) => new(ProposeOutcome.Invalid, null, errors);

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

    /// <summary>The same rules the fields show, keyed by field (<c>Title</c>, <c>Body</c>); empty when they may be saved.</summary>
    public static Dictionary<string, string> Validate(string title, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TitleFits(title))
        {
            errors[nameof(Post.Title)] = PostErrors.TitleLength;
        }

        if (body.Length == 0)
        {
            errors[nameof(Post.Body)] = PostErrors.BodyRequired;
        }
        else if (body.Length > Post.BodyMaxLength)
        {
            errors[nameof(Post.Body)] = PostErrors.BodyTooLong;
        }

        return errors;
    }

    public static bool TitleFits(string? title) =>
        title?.Trim().Length is >= Post.TitleMinLength and <= Post.TitleMaxLength;
}
