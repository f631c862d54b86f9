using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Search;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Search;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Ideas;

/// <summary>The ideas board: one page of ideas in the board's order, narrowed by its filters and search.</summary>
public sealed class BoardService(IDbContextFactory<CareDb> dbs, MarkdownRenderer markdown, SearchPath search)
{
    public const int PageSize = 30;

    /// <summary>
    /// One page of the ideas board. Every sort reads one indexed column, then creation time and id for ties;
    /// the next page starts after a key (<see cref="BoardCursor"/>), not at an offset, so it stays an index
    /// seek plus Take at 100,000 ideas. Merged, removed and held ideas are never listed.
    /// </summary>
    public Task<BoardPage> ListAsync(BoardQuery query, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(viewer);
        return PageAsync(query, viewer, PageSize, ct);
    }

    /// <summary>
    /// The whole board as the viewer sees it with <paramref name="query"/>'s filters, for the CSV export: the same query
    /// and rules as <see cref="ListAsync"/>, read <see cref="ExportPageSize"/> ideas at a time by key, and at most
    /// <paramref name="limit"/> of them, so an export never holds more than one page in memory.
    /// </summary>
    public async IAsyncEnumerable<PostSummary> ListAllAsync(
        BoardQuery query, Viewer viewer, int limit, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(viewer);
        var page = query with { After = null };
        var left = limit;
        while (left > 0)
        {
            var shown = await PageAsync(page, viewer, Math.Min(left, ExportPageSize), ct);
            foreach (var idea in shown.Ideas)
            {
                yield return idea;
            }

            left -= shown.Ideas.Count;
            if (shown.Next is null)
            {
                yield break;
            }

            page = page with { After = shown.Next };
        }
    }

    /// <summary>How many ideas the export reads per query: fewer round trips than the board's pages, still one index seek each.</summary>
    public const int ExportPageSize = 500;

    private async Task<BoardPage> PageAsync(BoardQuery query, Viewer viewer, int pageSize, CancellationToken ct)
    {
        var userId = viewer.UserId;
        if ((query.Mine || query.VotedByMe) && userId is null)
        {
            return new([], null);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var ideas = PostVisibility.Listed(PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer))
            .Where(p => p.Kind == PostKind.Idea && p.MergedIntoId == null);
        var status = query.Status ?? BoardStatusFilter.All;
        if (status.Only is { } only)
        {
            ideas = ideas.Where(p => p.Status == only);
        }
        else if (status.OpenOnly)
        {
            ideas = ideas.Where(p => p.Status != PostStatus.Shipped && p.Status != PostStatus.Declined);
        }

        if (query.CategorySlug is { } slug)
        {
            var categoryId = await db.Categories.Where(c => c.Slug == slug).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (categoryId is null)
            {
                return new([], null);
            }

            ideas = ideas.Where(p => p.CategoryId == categoryId);
        }

        if (query.Mine)
        {
            ideas = ideas.Where(p => p.AuthorId == userId);
        }

        if (query.VotedByMe)
        {
            ideas = ideas.Where(p => p.Votes.Any(v => v.UserId == userId));
        }

        // The search narrows the board and keeps its order, so paging by key works the same way.
        if (PostSearch.Words(query.Search) is { Count: > 0 } words)
        {
            ideas = await search.ContainingAllWordsAsync(db, ideas, words, ct);
        }

        // One round trip: the page in the board's order with each card's projection (author, viewer's vote) for the 31
        // rows only. Two (keys first, then the cards by id) cost a second plan and round trip on a server database.
        var page = SortAfter(ideas, query.Sort, query.After).Take(pageSize + 1);
        if (query.Sort == BoardSort.Trending && db.Database.IsNpgsql())
        {
            // PostgreSQL keeps the Trending order in two indexes, one holding the search vectors (PostgresTrending).
            var tiers = PostgresTrending.Page(db.Posts.AsNoTracking(), ideas, q => SortAfter(q, BoardSort.Trending, query.After).Take(pageSize + 1));
            page = SortAfter(tiers, BoardSort.Trending, null).Take(pageSize + 1);
        }

        var rows = await page.Select(Row(db, userId)).ToListAsync(ct);
        var shown = rows.Take(pageSize).ToList();
        BoardCursor? next = null;
        if (rows.Count > pageSize)
        {
            var last = shown[^1];
            var key = query.Sort switch
            {
                BoardSort.Top => last.Card.VoteCount,
                BoardSort.Discussed => last.Card.ReplyCount,
                BoardSort.Trending => last.TrendWeight,
                _ => 0,
            };
            next = new(key, last.Card.CreatedAt, last.Card.Id);
        }

        return new(markdown.Finish(shown.Select(r => r.Card)), next);
    }

    /// <summary>The board order, starting after <paramref name="after"/>: the sort column, then newest, then highest id.</summary>
    private static IQueryable<Post> SortAfter(IQueryable<Post> ideas, BoardSort sort, BoardCursor? after)
    {
        if (after is not null)
        {
            var (key, count, at, id) = (after.Key, (int)after.Key, after.CreatedAt, after.Id);
            Expression<Func<Post, bool>> later = sort switch
            {
                BoardSort.Top =>
                    p => p.VoteCount < count || (p.VoteCount == count && (p.CreatedAt < at || (p.CreatedAt == at && p.Id < id))),
                BoardSort.Discussed =>
                    p => p.ReplyCount < count || (p.ReplyCount == count && (p.CreatedAt < at || (p.CreatedAt == at && p.Id < id))),
                BoardSort.Trending =>
                    p => p.TrendWeight < key || (p.TrendWeight == key && (p.CreatedAt < at || (p.CreatedAt == at && p.Id < id))),
                _ => p => p.CreatedAt < at || (p.CreatedAt == at && p.Id < id),
            };
            ideas = ideas.Where(later);
        }

        var ordered = sort switch
        {
            BoardSort.Top => ideas.OrderByDescending(p => p.VoteCount).ThenByDescending(p => p.CreatedAt),
            BoardSort.Discussed => ideas.OrderByDescending(p => p.ReplyCount).ThenByDescending(p => p.CreatedAt),
            BoardSort.Trending => ideas.OrderByDescending(p => p.TrendWeight).ThenByDescending(p => p.CreatedAt),
            _ => ideas.OrderByDescending(p => p.CreatedAt),
        };
        return ordered.ThenByDescending(p => p.Id);
    }

    // A board card and the one sort key a card does not show, for the next page's cursor.
    private sealed record BoardRow(PostSummary Card, double TrendWeight);

    private static Expression<Func<Post, BoardRow>> Row(CareDb db, string? viewerId)
    {
        var summary = PostCards.Summary(db, viewerId);
        var post = summary.Parameters[0];
        return Expression.Lambda<Func<Post, BoardRow>>(
            Expression.New(typeof(BoardRow).GetConstructors()[0], summary.Body, Expression.Property(post, nameof(Post.TrendWeight))),
            post);
    }
}
