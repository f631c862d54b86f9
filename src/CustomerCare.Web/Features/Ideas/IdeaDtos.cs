namespace CustomerCare.Web.Features.Ideas;

/// <summary>What the customer typed; the service trims and checks it again, whatever the page did.</summary>
public sealed record ProposeIdea(string? Title, string? Body, int? CategoryId);

public enum ProposeOutcome
{
    Created,
    SignInRequired,
    Invalid,
}

/// <summary>
/// <see cref="Errors"/> maps a field (<c>nameof(ProposeIdea.Title)</c> …) to the resource key of its message,
/// so the page can show each message at its field in the reader's language.
/// </summary>
public sealed record ProposeResult(ProposeOutcome Outcome, int? PostId, IReadOnlyDictionary<string, string> Errors)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public static ProposeResult Created(int postId) => new(ProposeOutcome.Created, postId, NoErrors);

    public static ProposeResult SignInRequired { get; } = new(ProposeOutcome.SignInRequired, null, NoErrors);

    public static ProposeResult Invalid(IReadOnlyDictionary<string, string> errors) => new(ProposeOutcome.Invalid, null, errors);
}

public sealed record CategoryOption(int Id, string Slug, string Name);

/// <summary>Resource keys of the validation messages; shared by the service and the fields.</summary>
public static class ProposeErrors
{
    public const string TitleLength = "Propose_TitleLength";
    public const string BodyRequired = "Propose_BodyRequired";
    public const string BodyTooLong = "Propose_BodyTooLong";
    public const string CategoryUnknown = "Propose_CategoryUnknown";
}
