using System.Linq.Expressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Posts;

/// <summary>Reads ideas and complaints as the viewer may see them; every visibility rule lives here.</summary>
public sealed class PostService(IDbContextFactory<CareDb> dbs, MarkdownRenderer markdown, TimeProvider time)
{
    public const int ExcerptLength = 220;
    public const int PageSize = 30;

    public async Task<IReadOnlyList<PostSummary>> ListIdeasAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var ideas = await db.Posts.AsNoTracking()
            .Where(p => p.Kind == PostKind.Idea)
            .OrderByDescending(p => p.VoteCount).ThenByDescending(p => p.CreatedAt)
            .Take(PageSize)
            .Select(Summary(db, viewer.UserId))
            .ToListAsync(ct);
        return Finish(ideas);
    }

    public async Task<IReadOnlyList<PostSummary>> ListComplaintsAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var complaints = await VisibleTo(db.Posts.AsNoTracking(), viewer)
            .Where(p => p.Kind == PostKind.Complaint)
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
            .Where(p => p.Kind == PostKind.Idea
                && (p.Status == PostStatus.Planned || p.Status == PostStatus.InProgress || (p.Status == PostStatus.Shipped && p.UpdatedAt >= since)))
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
        var roles = db.UserRoles;

        // Internal notes never leave the server for anyone who does not work here.
        var replies = await db.Replies.AsNoTracking()
            .Where(r => r.PostId == id && (viewer.WorksHere || !r.IsInternalNote))
            .OrderBy(r => r.CreatedAt)
            .Select(r => new ReplyView(
                r.Id,
                r.ParentReplyId,
                new AuthorInfo(r.AuthorId, r.Author!.DisplayName, r.Author.AvatarUrl, r.Author.JobTitle, r.Author.CustomerSince,
                    roles.Any(ur => ur.UserId == r.AuthorId && Roles.StaffRoleIds.Contains(ur.RoleId))),
                r.Body,
                r.CreatedAt,
                r.EditedAt,
                r.IsInternalNote))
            .ToListAsync(ct);
        var history = await db.StatusChanges.AsNoTracking()
            .Where(s => s.PostId == id)
            .OrderBy(s => s.ChangedAt)
            .Select(s => new StatusChangeView(s.From, s.To, s.ChangedBy!.DisplayName, s.Note, s.ChangedAt))
            .ToListAsync(ct);
        return new(Finish([summary])[0], body, replies, history);
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

    /// <summary>The staff desk: open complaints, longest-waiting first. Only people who work here may ask.</summary>
    public async Task<IReadOnlyList<WaitingComplaint>> ListWaitingComplaintsAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.WorksHere)
        {
            throw new UnauthorizedAccessException("Only staff can open the staff desk.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var open = db.Posts.AsNoTracking().Where(p => p.Kind == PostKind.Complaint && p.Status != PostStatus.Solved);
        var rows = await open
            .Select(p => new
            {
                p.Id,
                LastCustomerMessage = p.Replies.Where(r => r.AuthorId == p.AuthorId).Max(r => (DateTime?)r.CreatedAt) ?? p.CreatedAt,
                LastStaffReply = p.Replies
                    .Where(r => !r.IsInternalNote && r.AuthorId != p.AuthorId)
                    .Max(r => (DateTime?)r.CreatedAt),
            })
            .ToListAsync(ct);

        var summaries = Finish(await open.Select(Summary(db, viewer.UserId)).ToListAsync(ct)).ToDictionary(s => s.Id);
        return [.. rows.Select(r => new WaitingComplaint(summaries[r.Id], r.LastCustomerMessage, r.LastStaffReply >= r.LastCustomerMessage))
            .OrderBy(w => w.AnsweredByStaff)
            .ThenBy(w => w.WaitingSince)];
    }

    internal static IQueryable<Post> VisibleTo(IQueryable<Post> posts, Viewer viewer) =>
        viewer.WorksHere ? posts : posts.Where(p => p.IsPublic || p.AuthorId == viewer.UserId);

    // Only the start of the body travels for a card; the excerpt is finished in memory.
    private static Expression<Func<Post, PostSummary>> Summary(CareDb db, string? viewerId)
    {
        var roles = db.UserRoles;
        return p => new PostSummary(
            p.Id,
            p.Kind,
            p.Title,
            p.Body.Substring(0, ExcerptLength * 2),
            new AuthorInfo(p.AuthorId, p.Author!.DisplayName, p.Author.AvatarUrl, p.Author.JobTitle, p.Author.CustomerSince,
                roles.Any(ur => ur.UserId == p.AuthorId && Roles.StaffRoleIds.Contains(ur.RoleId))),
            p.CreatedAt,
            p.Status,
            p.VoteCount,
            p.ReplyCount,
            p.IsPublic,
            viewerId != null && p.Votes.Any(v => v.UserId == viewerId),
            p.ShippedIn);
    }

    private List<PostSummary> Finish(List<PostSummary> posts) =>
        [.. posts.Select(p => p with { Excerpt = markdown.ToPlainText(p.Excerpt, ExcerptLength) })];
}
