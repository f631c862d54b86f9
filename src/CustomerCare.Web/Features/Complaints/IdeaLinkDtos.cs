using CustomerCare.Data.Entities;
using CustomerCare.Web.Live;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// The idea a complaint led to, as its page shows it: everything here is public idea data, never the complaint's.
/// <see cref="ShippedIn"/> is the release once the idea shipped.
/// </summary>
public sealed record LinkedIdeaView(int Id, string Title, PostStatus Status, int VoteCount, string? ShippedIn);

/// <summary>A complaint that led to an idea, as staff see it on the idea's page (never shown to customers).</summary>
public sealed record LinkedComplaint(int Id, string Title, PostStatus Status, string CustomerName);

public enum IdeaLinkOutcome
{
    Linked,
    Unlinked,

    /// <summary>Linking to the idea it is already linked to, or unlinking a complaint without a link.</summary>
    Unchanged,
    SignInRequired,

    /// <summary>Only staff, product owners and admins link complaints to ideas.</summary>
    NotAllowed,

    /// <summary>No such complaint, or it was removed.</summary>
    NotFound,

    /// <summary>No such idea, or it is removed, private or not an idea at all.</summary>
    IdeaNotFound,

    /// <summary>The new idea's title or body did not pass the idea rules; <see cref="IdeaLinkResult.Errors"/> says which.</summary>
    Invalid,

    /// <summary>The staff member proposed as many ideas as their limit allows for now; nothing was created.</summary>
    LimitReached,
}

/// <summary>What became of a link, unlink or "create an idea from this complaint"; <see cref="MessageKey"/> names the UI string.</summary>
public sealed record IdeaLinkResult(IdeaLinkOutcome Outcome, LinkedIdeaView? Idea = null, IReadOnlyDictionary<string, string>? Errors = null)
{
    public bool Succeeded => Outcome is IdeaLinkOutcome.Linked or IdeaLinkOutcome.Unlinked;

    public string MessageKey => $"IdeaLink_{Outcome}";
}
