using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Posts;

/// <summary>
/// A writer as every author line shows them. <see cref="Helped"/>: how many customers marked their replies helpful, read
/// where a thread shows replies (<see cref="ReplyViews"/>); elsewhere 0, and the line says nothing of it.
/// </summary>
public sealed record AuthorInfo(string Id, string DisplayName, string? AvatarUrl, string? JobTitle, DateTime CustomerSince, bool IsStaff, int Helped = 0);

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
    string? ShippedIn = null,
    bool Answered = false);

/// <summary>
/// One reply as its reader may see it. <see cref="IsHeld"/>: it waits for approval (its author and staff only).
/// <see cref="Hidden"/>: the team hid it; for anyone who does not work here <see cref="Body"/> is then empty.
/// <see cref="HelpfulCount"/>: how many people marked it helpful; <see cref="Endorsed"/>: who of the team vouched for it.
/// <see cref="Pictures"/>: its pictures, none for a reader of a hidden reply who may not read its body.
/// </summary>
public sealed record ReplyView(
    long Id, long? ParentReplyId, AuthorInfo Author, string Body, DateTime CreatedAt, DateTime? EditedAt, bool IsInternalNote,
    bool IsResolutionProposal = false, bool IsHeld = false, ReplyHiding? Hidden = null, int HelpfulCount = 0, Endorsement? Endorsed = null,
    IReadOnlyList<PictureView>? Pictures = null)
{
    // The same reply read twice, or carried by an event, is equal: its pictures compare by what they are (none and an
    // empty list alike), not by which list holds them.
    public bool Equals(ReplyView? other) =>
        other is not null && Id == other.Id && ParentReplyId == other.ParentReplyId && Author == other.Author && Body == other.Body
        && CreatedAt == other.CreatedAt && EditedAt == other.EditedAt && IsInternalNote == other.IsInternalNote
        && IsResolutionProposal == other.IsResolutionProposal && IsHeld == other.IsHeld && Hidden == other.Hidden
        && HelpfulCount == other.HelpfulCount && Endorsed == other.Endorsed && (Pictures ?? []).SequenceEqual(other.Pictures ?? []);

    public override int GetHashCode() => HashCode.Combine(Id, Body, EditedAt, Hidden, HelpfulCount, Endorsed, (Pictures ?? []).Count);
}

/// <summary>A picture on a post or reply as its reader gets it: what it shows and its sizes (the bytes come from its address).</summary>
public sealed record PictureView(Guid Id, string AltText, int Width, int Height, int ThumbWidth, int ThumbHeight);

/// <summary>A customer's answer vouched for by someone who works here: "Endorsed by Anna Berger, Customer Care".</summary>
public sealed record Endorsement(string ById, string ByName, string? ByJobTitle, DateTime At);

/// <summary>
/// The reply marked as the answer to a public post, and by whom: the post's author (<see cref="ByAuthor"/>) or someone
/// who works here ("chosen by Anna Berger, Customer Care").
/// </summary>
public sealed record AnswerMark(long ReplyId, string ByName, string? ByJobTitle, bool ByAuthor, DateTime At);

/// <summary>When and why the team hid a reply: every reader sees the reason in its place.</summary>
public sealed record ReplyHiding(DateTime At, string Reason);

public sealed record StatusChangeView(PostStatus From, PostStatus To, string ByName, string? Note, DateTime ChangedAt);

/// <summary>
/// <see cref="Removal"/> is set only for staff looking at a removed post; <see cref="EditedAt"/> is the latest edit;
/// <see cref="Held"/> is set while the post waits for approval (only its author and staff see it then).
/// </summary>
public sealed record PostDetails(
    PostSummary Post, string Body, IReadOnlyList<ReplyView> Replies, IReadOnlyList<StatusChangeView> History,
    RemovalInfo? Removal = null, DateTime? EditedAt = null,
    MergedIntoInfo? MergedInto = null, long? OfficialAnswerId = null, HoldReason? Held = null, AnswerMark? Answer = null,
    IReadOnlyList<PictureView>? Pictures = null);

/// <summary>The idea a duplicate was merged into; its page points there.</summary>
public sealed record MergedIntoInfo(int Id, string Title);

/// <summary>Shown to staff on a removed post's page.</summary>
public sealed record RemovalInfo(DateTime At, string ByName, string? Reason);
