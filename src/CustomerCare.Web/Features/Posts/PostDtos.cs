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
    MergedIntoInfo? MergedInto = null, long? OfficialAnswerId = null);

/// <summary>The idea a duplicate was merged into; its page points there.</summary>
public sealed record MergedIntoInfo(int Id, string Title);

/// <summary>Shown to staff on a removed post's page.</summary>
public sealed record RemovalInfo(DateTime At, string ByName, string? Reason);
