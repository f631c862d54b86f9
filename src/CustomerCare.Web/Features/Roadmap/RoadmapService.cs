using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Roadmap;

public sealed record RoadmapView(IReadOnlyList<PostSummary> Planned, IReadOnlyList<PostSummary> InProgress, IReadOnlyList<PostSummary> Shipped);

/// <summary>The public roadmap: what is planned, in progress, and shipped in the last 90 days, most-voted first.</summary>
public sealed class RoadmapService(IDbContextFactory<CareDb> dbs, MarkdownRenderer markdown, TimeProvider time)
{
    public const int MaxIdeas = 150;

    public async Task<RoadmapView> GetAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var since = time.GetUtcNow().UtcDateTime.AddDays(-90);
        var ideas = await PostVisibility.Listed(db.Posts.AsNoTracking())
            .Where(p => p.Kind == PostKind.Idea
                && (p.Status == PostStatus.Planned || p.Status == PostStatus.InProgress
                    // Recently shipped means the shipping decision, not the last reply or edit on an old idea.
                    || (p.Status == PostStatus.Shipped
                        && (p.StatusChanges.Where(c => c.To == PostStatus.Shipped).Max(c => (DateTime?)c.ChangedAt) ?? p.UpdatedAt) >= since)))
            .OrderByDescending(p => p.VoteCount)
            .Take(MaxIdeas)
            .Select(PostCards.Summary(db, viewer.UserId))
            .ToListAsync(ct);
        var list = markdown.Finish(ideas);
        return new(
            [.. list.Where(i => i.Status == PostStatus.Planned)],
            [.. list.Where(i => i.Status == PostStatus.InProgress)],
            [.. list.Where(i => i.Status == PostStatus.Shipped)]);
    }
}
