using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>What the customer typed when filing; the service trims and checks it again, whatever the page did.</summary>
public sealed record FileComplaint(
    string? Title, string? Body, ComplaintMood? Mood, string? Reference, bool IsPublic, IReadOnlyList<Pictures.PictureUpload>? Pictures = null);

/// <summary>Resource keys of the complaint-only validation messages (title and body share the ideas' rules).</summary>
public static class ComplaintErrors
{
    public const string MoodRequired = "Complaint_MoodRequired";
    public const string ReferenceTooLong = "Complaint_ReferenceTooLong";
}

public enum OwnershipOutcome
{
    /// <summary>The complaint changed hands; <see cref="OwnershipResult.Handover"/> says how.</summary>
    Done,

    /// <summary>Claiming a complaint you already own, or handing it to its owner: nothing to do.</summary>
    Unchanged,
    SignInRequired,

    /// <summary>Only staff, product owners and admins take over or hand over complaints.</summary>
    NotAllowed,
    NotFound,

    /// <summary>Solved or removed complaints keep the owner they ended with.</summary>
    Closed,

    /// <summary>The colleague picked does not work here (any more).</summary>
    TargetNotStaff,
    ReasonRequired,
    ReasonTooLong,

    /// <summary>Someone else changed the owner since the page was read; nothing was written.</summary>
    Conflict,
}

/// <summary>What became of a claim or hand-over; <see cref="MessageKey"/> names the UI string.</summary>
public sealed record OwnershipResult(OwnershipOutcome Outcome, AuthorInfo? Owner = null, HandoverView? Handover = null)
{
    public bool Succeeded => Outcome == OwnershipOutcome.Done;

    public string MessageKey => $"Ownership_{Outcome}";
}

/// <summary>A staff member the desk can hand a complaint to.</summary>
public sealed record Colleague(string Id, string DisplayName, string? JobTitle);

/// <summary>The owner the caller saw when deciding (null: unassigned); a change is refused if it is no longer so.</summary>
public sealed record SeenOwner(string? OwnerId);

public enum ResolutionOutcome
{
    Done,
    SignInRequired,
    NotFound,

    /// <summary>Only the customer who filed the complaint says whether it is solved, rates it or reopens it.</summary>
    NotTheCustomer,

    /// <summary>Only people who work here close a complaint after the customer's silence.</summary>
    NotAllowed,

    /// <summary>The complaint was removed: nothing more happens to it.</summary>
    Closed,
    AlreadySolved,

    /// <summary>A rating before the customer confirmed the complaint solved (or after staff closed it for silence).</summary>
    NotConfirmed,
    AlreadyRated,
    RatingOutOfRange,
    CommentTooLong,
    MessageRequired,
    MessageTooLong,
    NoteTooLong,

    /// <summary>The customer waits for an answer: nobody closes a complaint on someone who is waiting.</summary>
    CustomerWaiting,

    /// <summary>The silence is not long enough yet; <see cref="ResolutionResult.MayCloseFrom"/> says from when.</summary>
    TooEarly,

    /// <summary>Someone wrote or changed the complaint between reading and writing; nothing was written.</summary>
    Conflict,

    /// <summary>The customer's "not yet" is a reply, and they replied as often as their limit allows for now.</summary>
    LimitReached,
}

/// <summary>
/// What became of a confirmation, rating, reopening or closing; <see cref="MessageKey"/> names the UI string,
/// <see cref="RetryAfter"/> how long a customer at their reply limit waits.
/// </summary>
public sealed record ResolutionResult(ResolutionOutcome Outcome, DateTime? MayCloseFrom = null, ReplyView? Reply = null, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Outcome == ResolutionOutcome.Done;

    public string MessageKey => $"Resolution_{Outcome}";
}

/// <summary>
/// What a complaint's page shows besides the thread: the mood, the owner who takes care of it and every
/// hand-over. <see cref="Reference"/> (an order or invoice number) is given only to the customer and staff.
/// <see cref="WaitingSince"/> is set while the customer waits for the company (their last message is newer
/// than the last public staff reply); <see cref="FirstAnswer"/> says no staff member has answered yet.
/// The resolution: <see cref="Outcome"/> once solved; the rating (customer and staff only); the owner's proposal while it
/// waits for the customer; <see cref="MayCloseFrom"/> while a staff answer is the latest word, the day staff may close it.
/// </summary>
public sealed record ComplaintInfo(
    ComplaintMood? Mood, string? Reference, AuthorInfo? Owner, IReadOnlyList<HandoverView> Handovers,
    DateTime? WaitingSince = null, bool FirstAnswer = false,
    ComplaintOutcome? Outcome = null, ComplaintRatingView? Rating = null, PendingProposal? PendingProposal = null,
    long? AcceptedProposalId = null, DateTime? SilentSince = null, DateTime? MayCloseFrom = null, DateTime? SolvedAt = null,
    LinkedIdeaView? LinkedIdea = null);

/// <summary>The customer's satisfaction as they gave it once after confirming.</summary>
public sealed record ComplaintRatingView(int Stars, string? Comment, DateTime At);

/// <summary>The owner's proposed resolution the customer has not answered yet.</summary>
public sealed record PendingProposal(long ReplyId, string ProposerName, DateTime At);

/// <summary>A complaint changed hands; <see cref="FromName"/> is null for the first assignment, <see cref="ByName"/> when the portal assigned it.</summary>
public sealed record HandoverView(string? FromName, string ToName, string? ByName, string? Reason, DateTime At);
