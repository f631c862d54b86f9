using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;

namespace CustomerCare.Web.Features.Moderation;

/// <summary>
/// A post (<see cref="ReplyId"/> null) or reply in the queue: where it stands, the start of its text as plain text, and
/// who wrote it (with their tenure), whether they are blocked and whether the viewer may block them.
/// </summary>
public sealed record QueueTarget(
    int PostId, long? ReplyId, PostKind Kind, string PostTitle, string Excerpt, AuthorInfo Author, DateTime WrittenAt,
    bool AuthorBlocked, bool MayBlockAuthor);

public sealed record ReasonCount(ReportReason Reason, int Count);

/// <summary>The open reports of one target: how many, for which reasons, the reporters' notes, first and last.</summary>
public sealed record ReportedItem(QueueTarget Target, int Count, IReadOnlyList<ReasonCount> Reasons, IReadOnlyList<string> Notes, DateTime FirstAt, DateTime LastAt);

/// <summary>An idea or reply that waits for approval, and why it waits.</summary>
public sealed record HeldItem(QueueTarget Target, HoldReason Reason, DateTime HeldAt);

public sealed record BlockedPerson(AuthorInfo Person, DateTime At, string ByName, string Reason, bool MayUnblock);

/// <summary>What the moderation queue shows: reported targets (most reported first), what waits, who is blocked.</summary>
public sealed record QueueView(IReadOnlyList<ReportedItem> Reported, IReadOnlyList<HeldItem> Held, IReadOnlyList<BlockedPerson> Blocked);
