using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Posts;

public sealed record AuthorInfo(string Id, string DisplayName, string? AvatarUrl, string? JobTitle, DateTime CustomerSince, bool IsStaff);

public sealed record PostSummary(
    int Id,
    PostKind Kind,
    string Title,
    string Excerpt,
    AuthorInfo Author,
    DateTime CreatedAt,
    PostStatus Status,
    int VoteCount,
    int ReplyCount,
    bool IsPublic,
    bool VotedByViewer,
    string? ShippedIn = null);

public sealed record ReplyView(
    long Id, long? ParentReplyId, AuthorInfo Author, string Body, DateTime CreatedAt, DateTime? EditedAt, bool IsInternalNote,
    bool IsResolutionProposal = false);

public sealed record StatusChangeView(PostStatus From, PostStatus To, string ByName, string? Note, DateTime ChangedAt);

/// <summary><see cref="Removal"/> is set only for staff looking at a removed post; <see cref="EditedAt"/> is the latest edit.</summary>
public sealed record PostDetails(
    PostSummary Post, string Body, IReadOnlyList<ReplyView> Replies, IReadOnlyList<StatusChangeView> History,
    RemovalInfo? Removal = null, DateTime? EditedAt = null,
    MergedIntoInfo? MergedInto = null, long? OfficialAnswerId = null, ComplaintInfo? Complaint = null);

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
    Complaints.LinkedIdeaView? LinkedIdea = null);

/// <summary>The customer's satisfaction as they gave it once after confirming.</summary>
public sealed record ComplaintRatingView(int Stars, string? Comment, DateTime At);

/// <summary>The owner's proposed resolution the customer has not answered yet.</summary>
public sealed record PendingProposal(long ReplyId, string ProposerName, DateTime At);

/// <summary>A complaint changed hands; <see cref="FromName"/> is null for the first assignment, <see cref="ByName"/> when the portal assigned it.</summary>
public sealed record HandoverView(string? FromName, string ToName, string? ByName, string? Reason, DateTime At);

/// <summary>The idea a duplicate was merged into; its page points there.</summary>
public sealed record MergedIntoInfo(int Id, string Title);

public sealed record RoadmapView(IReadOnlyList<PostSummary> Planned, IReadOnlyList<PostSummary> InProgress, IReadOnlyList<PostSummary> Shipped);

