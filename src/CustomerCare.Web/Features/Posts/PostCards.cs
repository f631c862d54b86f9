using System.Linq.Expressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Posts;

/// <summary>
/// The card every list shows (board, roadmap, complaints, similar ideas), read in the list's own query: only the start
/// of the body travels, and the excerpt is finished in memory.
/// </summary>
public static class PostCards
{
    public const int ExcerptLength = 220;

    public static Expression<Func<Post, PostSummary>> Summary(CareDb db, string? viewerId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = db.StaffUserIds;
        return p => new PostSummary(
            p.Id,
            p.Kind,
            p.Title,
            p.Body.Substring(0, ExcerptLength * 2),
            new AuthorInfo(p.AuthorId, p.Author!.DisplayName, p.Author.AvatarUrl, p.Author.JobTitle, p.Author.CustomerSince,
                staff.Contains(p.AuthorId)),
            p.CreatedAt,
            p.Status,
            p.VoteCount,
            p.ReplyCount,
            p.IsPublic,
            viewerId != null && p.Votes.Any(v => v.UserId == viewerId),
            p.ShippedIn,
            p.AnswerId != null && p.Answer!.HiddenAt == null);
    }

    /// <summary>The cards with their excerpts as plain text, at most <see cref="ExcerptLength"/> characters.</summary>
    public static List<PostSummary> Finish(this MarkdownRenderer markdown, IEnumerable<PostSummary> posts)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return [.. posts.Select(p => p with { Excerpt = markdown.ToPlainText(p.Excerpt, ExcerptLength) })];
    }
}
