using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Search;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Benchmarks.Board;

/// <summary>
/// The reference: the same first page computed the way Fider and Astuto do it, with no stored counters.
/// Votes and public replies are counted per idea (GROUP BY, joined to the posts) and the page is ordered by
/// those counts; trending is Fider's "recent votes × 5 + comments × 3". The cards are the portal's, with
/// their counts taken from the rows, and their excerpts finished by the same markdown renderer.
/// </summary>
public sealed class JoinBoard(IDbContextFactory<CareDb> dbs, MarkdownRenderer markdown)
{
    public async Task<IReadOnlyList<PostSummary>> FirstPageAsync(BoardSort sort, string? search, Viewer viewer, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var userId = viewer.UserId;
        var since = now.AddDays(-30);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ideas = db.Posts.AsNoTracking()
            .Where(p => p.Kind == PostKind.Idea && p.MergedIntoId == null && p.RemovedAt == null && (p.IsPublic || p.AuthorId == userId));
        if (PostSearch.Words(search) is { Count: > 0 } words)
        {
            var hits = db.FullText(words, SearchMatch.AllWords);
            ideas = ideas.Where(p => hits.Select(h => h.Id).Contains(p.Id));
        }

        var votes = db.Votes.GroupBy(v => v.PostId)
            .Select(g => new { PostId = g.Key, Count = g.Count(), Recent = g.Count(v => v.CreatedAt >= since) });
        var replies = db.Replies.Where(r => !r.IsInternalNote).GroupBy(r => r.PostId)
            .Select(g => new { PostId = g.Key, Count = g.Count() });
        var counted =
            from p in ideas
            join v in votes on p.Id equals v.PostId into vs
            from v in vs.DefaultIfEmpty()
            join r in replies on p.Id equals r.PostId into rs
            from r in rs.DefaultIfEmpty()
            select new { p.Id, p.CreatedAt, Votes = (int?)v.Count ?? 0, Recent = (int?)v.Recent ?? 0, Replies = (int?)r.Count ?? 0 };
        var ordered = sort switch
        {
            BoardSort.Top => counted.OrderByDescending(x => x.Votes).ThenByDescending(x => x.CreatedAt),
            BoardSort.Discussed => counted.OrderByDescending(x => x.Replies).ThenByDescending(x => x.CreatedAt),
            BoardSort.Trending => counted.OrderByDescending(x => x.Recent * 5 + x.Replies * 3).ThenByDescending(x => x.CreatedAt),
            _ => counted.OrderByDescending(x => x.CreatedAt),
        };
        var ids = await ordered.ThenByDescending(x => x.Id).Take(BoardService.PageSize + 1).Select(x => x.Id).ToListAsync(ct);
        ids = [.. ids.Take(BoardService.PageSize)];

        var staff = db.StaffUserIds;
        var cards = await db.Posts.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new PostSummary(
                p.Id,
                p.Kind,
                p.Title,
                p.Body.Substring(0, PostCards.ExcerptLength * 2),
                new AuthorInfo(p.AuthorId, p.Author!.DisplayName, p.Author.AvatarUrl, p.Author.JobTitle, p.Author.CustomerSince, staff.Contains(p.AuthorId)),
                p.CreatedAt,
                p.Status,
                p.Votes.Count(),
                p.Replies.Count(r => !r.IsInternalNote),
                p.IsPublic,
                userId != null && p.Votes.Any(v => v.UserId == userId),
                p.ShippedIn))
            .ToListAsync(ct);
        var byId = cards.Select(c => c with { Excerpt = markdown.ToPlainText(c.Excerpt, PostCards.ExcerptLength) }).ToDictionary(c => c.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }
}
