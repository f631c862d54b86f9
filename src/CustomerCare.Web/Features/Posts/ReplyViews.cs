using System.Linq.Expressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;

namespace CustomerCare.Web.Features.Posts;

/// <summary>A reply as a reader sees it, read in the query that finds it: the thread's read and moderation's events.</summary>
public static class ReplyViews
{
    /// <summary>
    /// The projection; <paramref name="readsHiddenBodies"/> is <see cref="PostVisibility.ReadsHiddenReplies"/> of the
    /// reader, so a hidden reply's body stays in the database for everyone else.
    /// </summary>
    public static Expression<Func<Reply, ReplyView>> For(CareDb db, bool readsHiddenBodies)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = db.StaffUserIds;
        return r => new ReplyView(
            r.Id,
            r.ParentReplyId,
            new AuthorInfo(r.AuthorId, r.Author!.DisplayName, r.Author.AvatarUrl, r.Author.JobTitle, r.Author.CustomerSince,
                staff.Contains(r.AuthorId)),
            r.HiddenAt == null || readsHiddenBodies ? r.Body : "",
            r.CreatedAt,
            r.EditedAt,
            r.IsInternalNote,
            r.IsResolutionProposal,
            r.HeldAt != null,
            r.HiddenAt == null ? null : new ReplyHiding(r.HiddenAt.Value, r.HiddenReason ?? ""));
    }
}
