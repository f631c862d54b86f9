using System.Globalization;
using System.Linq.Expressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Data.Search;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Search;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Posts;

/// <summary>Reads ideas and complaints as the viewer may see them; every visibility rule lives here.</summary>
public sealed class PostService(
    IDbContextFactory<CareDb> dbs, MarkdownRenderer markdown, SearchPath search, TimeProvider time, IOptions<ResponseOptions> response)
{
    public const int ExcerptLength = 220;
    public const int PageSize = 30;

    /// <summary>
    /// One page of the ideas board. Every sort reads one indexed column, then creation time and id for ties;
    /// the next page starts after a key (<see cref="BoardCursor"/>), not at an offset, so it stays an index
    /// seek plus Take at 100,000 ideas. Merged and removed ideas are never listed.
    /// </summary>
    public async Task<BoardPage> ListIdeasAsync(BoardQuery query, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(viewer);
        var userId = viewer.UserId;
        if ((query.Mine || query.VotedByMe) && userId is null)
        {
            return new([], null);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var ideas = VisibleTo(db.Posts.AsNoTracking(), viewer)
            .Where(p => p.Kind == PostKind.Idea && p.MergedIntoId == null && p.RemovedAt == null);
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
        var rows = await SortAfter(ideas, query.Sort, query.After)
            .Take(PageSize + 1)
            .Select(Row(db, userId))
            .ToListAsync(ct);
        var shown = rows.Take(PageSize).ToList();
        BoardCursor? next = null;
        if (rows.Count > PageSize)
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

        return new(Finish(shown.ConvertAll(r => r.Card)), next);
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

    /// <summary>The categories the board filters by: slug for the address, name in the reader's language.</summary>
    public async Task<IReadOnlyList<CategoryOption>> ListCategoriesAsync(CancellationToken ct = default)
    {
        var german = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de";
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Categories.AsNoTracking()
            .OrderBy(c => c.SortOrder)
            .Select(c => new CategoryOption(c.Id, c.Slug, german ? c.NameGerman : c.NameEnglish))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<PostSummary>> ListComplaintsAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var complaints = await VisibleTo(db.Posts.AsNoTracking(), viewer)
            .Where(p => p.Kind == PostKind.Complaint && p.RemovedAt == null)
            .OrderByDescending(p => p.UpdatedAt)
            .Take(PageSize)
            .Select(Summary(db, viewer.UserId))
            .ToListAsync(ct);
        return Finish(complaints);
    }

    public async Task<RoadmapView> GetRoadmapAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var since = time.GetUtcNow().UtcDateTime.AddDays(-90);
        var ideas = await db.Posts.AsNoTracking()
            .Where(p => p.Kind == PostKind.Idea && p.RemovedAt == null
                && (p.Status == PostStatus.Planned || p.Status == PostStatus.InProgress
                    // Recently shipped means the shipping decision, not the last reply or edit on an old idea.
                    || (p.Status == PostStatus.Shipped
                        && (p.StatusChanges.Where(c => c.To == PostStatus.Shipped).Max(c => (DateTime?)c.ChangedAt) ?? p.UpdatedAt) >= since)))
            .OrderByDescending(p => p.VoteCount)
            .Take(150)
            .Select(Summary(db, viewer.UserId))
            .ToListAsync(ct);
        var list = Finish(ideas);
        return new(
            [.. list.Where(i => i.Status == PostStatus.Planned)],
            [.. list.Where(i => i.Status == PostStatus.InProgress)],
            [.. list.Where(i => i.Status == PostStatus.Shipped)]);
    }

    /// <summary>Null when the post does not exist or the viewer may not see it (a private complaint of someone else).</summary>
    public async Task<PostDetails?> GetAsync(int id, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var visible = VisibleTo(db.Posts.AsNoTracking(), viewer).Where(p => p.Id == id);
        var summary = await visible.Select(Summary(db, viewer.UserId)).FirstOrDefaultAsync(ct);
        if (summary is null)
        {
            return null;
        }

        var body = await visible.Select(p => p.Body).FirstAsync(ct);
        var staff = db.StaffUserIds;

        // Internal notes never leave the server for anyone who does not work here.
        var replies = await db.Replies.AsNoTracking()
            .Where(r => r.PostId == id && (viewer.WorksHere || !r.IsInternalNote))
            .OrderBy(r => r.CreatedAt)
            .Select(r => new ReplyView(
                r.Id,
                r.ParentReplyId,
                new AuthorInfo(r.AuthorId, r.Author!.DisplayName, r.Author.AvatarUrl, r.Author.JobTitle, r.Author.CustomerSince,
                    staff.Contains(r.AuthorId)),
                r.Body,
                r.CreatedAt,
                r.EditedAt,
                r.IsInternalNote,
                r.IsResolutionProposal))
            .ToListAsync(ct);
        var history = await db.StatusChanges.AsNoTracking()
            .Where(s => s.PostId == id)
            .OrderBy(s => s.ChangedAt)
            .Select(s => new StatusChangeView(s.From, s.To, s.ChangedBy!.DisplayName, s.Note, s.ChangedAt))
            .ToListAsync(ct);
        var removal = await visible.Where(p => p.RemovedAt != null)
            .Select(p => new RemovalInfo(p.RemovedAt!.Value, db.Users.Where(u => u.Id == p.RemovedById).Select(u => u.DisplayName).FirstOrDefault() ?? "", p.RemovalReason))
            .FirstOrDefaultAsync(ct);
        var editedAt = await db.AuditEntries.Where(a => a.PostId == id && a.Action == AuditAction.Edited).MaxAsync(a => (DateTime?)a.At, ct);
        var extra = await visible
            .Select(p => new { p.MergedIntoId, MergedIntoTitle = p.MergedInto!.Title, p.OfficialAnswerId })
            .FirstAsync(ct);
        var mergedInto = extra.MergedIntoId is { } originalId ? new MergedIntoInfo(originalId, extra.MergedIntoTitle) : null;
        var complaint = summary.Kind == PostKind.Complaint ? await ComplaintDetails.ReadAsync(db, visible, id, viewer, response.Value.AutoCloseAfter, ct) : null;
        return new(Finish([summary])[0], body, replies, history, removal, editedAt, mergedInto, extra.OfficialAnswerId, complaint);
    }

    /// <summary>The cards for <paramref name="ids"/> the viewer may see, in the order asked for.</summary>
    public async Task<IReadOnlyList<PostSummary>> ListByIdsAsync(IReadOnlyCollection<int> ids, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(viewer);
        if (ids.Count == 0)
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = await VisibleTo(db.Posts.AsNoTracking(), viewer)
            .Where(p => ids.Contains(p.Id))
            .Select(Summary(db, viewer.UserId))
            .ToListAsync(ct);
        var byId = Finish(found).ToDictionary(p => p.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    // A removed post is gone for everyone who does not work here, its author included; staff still open
    // it (to restore it), while the lists leave it out for them as well.
    internal static IQueryable<Post> VisibleTo(IQueryable<Post> posts, Viewer viewer) =>
        viewer.WorksHere ? posts : posts.Where(p => p.RemovedAt == null && (p.IsPublic || p.AuthorId == viewer.UserId));

    // Only the start of the body travels for a card; the excerpt is finished in memory.
    private static Expression<Func<Post, PostSummary>> Summary(CareDb db, string? viewerId)
    {
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
            p.ShippedIn);
    }

    // A board card and the one sort key a card does not show, for the next page's cursor.
    private sealed record BoardRow(PostSummary Card, double TrendWeight);

    private static Expression<Func<Post, BoardRow>> Row(CareDb db, string? viewerId)
    {
        var summary = Summary(db, viewerId);
        var post = summary.Parameters[0];
        return Expression.Lambda<Func<Post, BoardRow>>(
            Expression.New(typeof(BoardRow).GetConstructors()[0], summary.Body, Expression.Property(post, nameof(Post.TrendWeight))),
            post);
    }

    private List<PostSummary> Finish(List<PostSummary> posts) =>
        [.. posts.Select(p => p with { Excerpt = markdown.ToPlainText(p.Excerpt, ExcerptLength) })];
}
