using System.Linq.Expressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

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
                staff.Contains(r.AuthorId),
                // The same count as HelpedAsync's, per reply of the thread: one range of (ReplyAuthorId, ByCustomer).
                db.HelpfulMarks.Where(m => m.ReplyAuthorId == r.AuthorId && m.ByCustomer).Select(m => m.UserId).Distinct().Count()),
            r.HiddenAt == null || readsHiddenBodies ? r.Body : "",
            r.CreatedAt,
            r.EditedAt,
            r.IsInternalNote,
            r.IsResolutionProposal,
            r.HeldAt != null,
            r.HiddenAt == null ? null : new ReplyHiding(r.HiddenAt.Value, r.HiddenReason ?? ""),
            r.HelpfulCount,
            r.EndorsedById == null ? null : new Endorsement(r.EndorsedById, r.EndorsedBy!.DisplayName, r.EndorsedBy.JobTitle, r.EndorsedAt!.Value),
            // A hidden reply's pictures stay where its body stays. (Asked of the picture's own reply, not of r: a condition on
            // the outer row would need APPLY, which SQLite lacks; this one stays a join.)
            db.Pictures.Where(p => p.ReplyId == r.Id && (p.Reply!.HiddenAt == null || readsHiddenBodies)).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
                .Select(p => new PictureView(p.Id, p.AltText, p.Width, p.Height, p.ThumbWidth, p.ThumbHeight)).ToList());
    }

    /// <summary>A picture as its reader gets it (the post page reads the post's own with it).</summary>
    public static Expression<Func<Picture, PictureView>> OfPicture { get; } =
        p => new PictureView(p.Id, p.AltText, p.Width, p.Height, p.ThumbWidth, p.ThumbHeight);

    /// <summary>How many customers marked replies of <paramref name="authorId"/> helpful ("helped 12 customers").</summary>
    public static Task<int> HelpedAsync(CareDb db, string authorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.HelpfulMarks.Where(m => m.ReplyAuthorId == authorId && m.ByCustomer).Select(m => m.UserId).Distinct().CountAsync(ct);
    }
}
