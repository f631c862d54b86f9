using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// The ideas' part of the insights: ideas proposed in the window by the status they have now, the time from proposal to
/// shipped, the most-voted ideas still to decide, and "does this solve it?" on shipped ideas. Merged ideas count in the
/// idea they went into. Each is one read on the context it is given.
/// </summary>
public static class IdeaFigures
{
    public const int TopShown = 10;
    public const int SolvesItShown = 20;

    private static IQueryable<Post> Ideas(CareDb db, InsightsWindow window) =>
        window.Filtered(db.Posts.AsNoTracking().Where(p => p.Kind == PostKind.Idea && p.MergedIntoId == null), withCategory: true);

    public static async Task<IReadOnlyList<StatusCount>> ByStatusAsync(CareDb db, InsightsWindow window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(window);
        var byStatus = await Ideas(db, window).Where(p => p.CreatedAt >= window.From && p.CreatedAt < window.To)
            .GroupBy(p => p.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        return [.. PostRules.IdeaStatuses.Select(s => new StatusCount(s, byStatus.FirstOrDefault(b => b.Status == s)?.Count ?? 0))];
    }

    public static async Task<IReadOnlyList<ShipMonth>> TimeToShipAsync(CareDb db, InsightsWindow window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(window);
        var shipped = await db.StatusChanges.AsNoTracking()
            .Where(c => c.To == PostStatus.Shipped && c.ChangedAt >= window.From && c.ChangedAt < window.To)
            .Join(Ideas(db, window), c => c.PostId, p => p.Id, (c, p) => new { c.ChangedAt, p.CreatedAt }).ToListAsync(ct);
        var shippedIn = shipped.ToLookup(s => window.Month(s.ChangedAt));
        return [.. window.Months.Select((start, i) =>
        {
            var days = shippedIn[i].Select(s => (s.ChangedAt - s.CreatedAt).TotalDays).Order().ToList();
            return new ShipMonth(start, days.Count, InsightsService.Median(days), InsightsService.Percentile(days, 0.9));
        })];
    }

    // Ideas still to be decided, all time: by everyone's votes, the loyal's and the newest's. Each order is exactly an
    // index's read backwards (ties: the newer first), so the database stops after ten instead of sorting every idea.
    public static async Task<TopIdeas> TopAsync(CareDb db, InsightsWindow window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(window);
        var open = Ideas(db, window).Where(p => p.Status == PostStatus.Open || p.Status == PostStatus.UnderReview);
        Task<List<TopIdea>> Top(IQueryable<Post> ordered) => ordered.Take(TopShown)
            .Select(p => new TopIdea(p.Id, p.Title, p.Status, p.VoteCount, p.LoyalVoteCount, p.NewcomerVoteCount)).ToListAsync(ct);
        return new(
            await Top(open.Where(p => p.VoteCount > 0).OrderByDescending(p => p.VoteCount).ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)),
            await Top(open.Where(p => p.LoyalVoteCount > 0).OrderByDescending(p => p.LoyalVoteCount).ThenByDescending(p => p.Id)),
            await Top(open.Where(p => p.NewcomerVoteCount > 0).OrderByDescending(p => p.NewcomerVoteCount).ThenByDescending(p => p.Id)));
    }

    // The shipped ideas most answered in the window, with their yes and no.
    public static async Task<IReadOnlyList<SolvesItShare>> SolvesItAsync(CareDb db, InsightsWindow window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(window);
        var counts = await db.SolvesItAnswers.AsNoTracking().Where(a => a.At >= window.From && a.At < window.To)
            .GroupBy(a => a.PostId)
            .Select(g => new { PostId = g.Key, Yes = g.Count(a => a.Solves), No = g.Count(a => !a.Solves) })
            .OrderByDescending(g => g.Yes + g.No).ThenBy(g => g.PostId).Take(SolvesItShown * 2)
            .ToListAsync(ct);
        var ids = counts.Select(c => c.PostId).ToList();
        var shipped = await Ideas(db, window).Where(p => ids.Contains(p.Id) && p.Status == PostStatus.Shipped)
            .Select(p => new { p.Id, p.Title, p.ShippedIn }).ToDictionaryAsync(p => p.Id, ct);
        return [.. counts.Where(c => shipped.ContainsKey(c.PostId)).Take(SolvesItShown)
            .Select(c => new SolvesItShare(c.PostId, shipped[c.PostId].Title, shipped[c.PostId].ShippedIn, c.Yes, c.No))];
    }
}
