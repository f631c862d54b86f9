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

public sealed record ReplyView(long Id, long? ParentReplyId, AuthorInfo Author, string Body, DateTime CreatedAt, DateTime? EditedAt, bool IsInternalNote);

public sealed record StatusChangeView(PostStatus From, PostStatus To, string ByName, string? Note, DateTime ChangedAt);

public sealed record PostDetails(PostSummary Post, string Body, IReadOnlyList<ReplyView> Replies, IReadOnlyList<StatusChangeView> History);

public sealed record RoadmapView(IReadOnlyList<PostSummary> Planned, IReadOnlyList<PostSummary> InProgress, IReadOnlyList<PostSummary> Shipped);

/// <summary>One staff-desk row: a complaint that waits for the company, and since when.</summary>
public sealed record WaitingComplaint(PostSummary Complaint, DateTime WaitingSince, bool AnsweredByStaff);
