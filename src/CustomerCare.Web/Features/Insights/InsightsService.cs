using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// The owners' view of how customers are doing: mood, satisfaction, answer times, waiting and escalations, the ideas'
/// way to shipped and what the loyal and the newest want. Internal, so only people who work here get it. Every figure is
/// one indexed range read of the period (complaints by filing or rating time, <see cref="ComplaintWait"/> by answer or
/// end, status changes by time) or an index-ordered top list; weeks and months are the portal's zone's, bucketed in
/// memory. Answer times are business time, as the desk's clock counts them.
/// </summary>
public sealed class InsightsService(IDbContextFactory<CareDb> dbs, ResponseClock clock, IOptions<ResponseOptions> response)
{
    public const int TopShown = 10;
    public const int CommentsShown = 20;
    public const int SolvesItShown = 20;

    public async Task<InsightsReport?> ReportAsync(InsightsQuery query, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.WorksHere)
        {
            return null;
        }

        var now = clock.UtcNow;
        var weeks = WeekStarts(now, query.Weeks);
        var (from, to) = (weeks[0], now);
        var months = MonthStarts(from, now);
        await using var db = await dbs.CreateDbContextAsync(ct);
        // Complaints are filed without a category, so the category narrows the ideas' charts only (the filter says so).
        var complaints = Filtered(db.Posts.AsNoTracking().Where(p => p.Kind == PostKind.Complaint), query with { CategoryId = null }, now);
        var ideas = Filtered(db.Posts.AsNoTracking().Where(p => p.Kind == PostKind.Idea && p.MergedIntoId == null), query, now);

        var filed = await complaints.Where(p => p.CreatedAt >= from && p.CreatedAt < to).Select(p => new { p.CreatedAt, p.Mood }).ToListAsync(ct);
        var filedIn = filed.ToLookup(f => Bucket(weeks, f.CreatedAt));
        var mood = weeks.Select((start, i) =>
        {
            var week = filedIn[i].ToList();
            int Count(ComplaintMood? m) => week.Count(f => f.Mood == m);
            return new MoodWeek(start, Count(ComplaintMood.Angry), Count(ComplaintMood.Disappointed), Count(ComplaintMood.Unsure),
                Count(ComplaintMood.Hopeful), Count(null));
        }).ToList();

        var rated = complaints.Where(p => p.RatedAt >= from && p.RatedAt < to && p.Rating != null);
        var ratings = await rated.Select(p => new { RatedAt = p.RatedAt!.Value, Rating = p.Rating!.Value }).ToListAsync(ct);
        var ratedIn = ratings.ToLookup(r => Bucket(months, r.RatedAt), r => r.Rating);
        var satisfaction = months.Select((start, i) =>
        {
            var month = ratedIn[i].ToList();
            var stars = Enumerable.Range(Post.RatingMin, Post.RatingMax - Post.RatingMin + 1).Select(star => month.Count(r => r == star)).ToList();
            return new SatisfactionMonth(start, stars, month.Count == 0 ? null : month.Average());
        }).ToList();
        var comments = await rated.Where(p => p.RatingComment != null && p.AnonymizedAt == null)
            .OrderByDescending(p => p.RatedAt).ThenByDescending(p => p.Id).Take(CommentsShown)
            .Select(p => new RatingCommentView(p.Id, p.Title, p.Rating!.Value, p.RatingComment!, p.RatedAt!.Value))
            .ToListAsync(ct);

        // A semi-join, so the database starts from the period's waits and looks each complaint up by its key; a join let
        // SQLite start from every complaint (docs/benchmarks.md, insights run 1).
        var waits = db.ComplaintWaits.AsNoTracking().Where(w => complaints.Any(p => p.Id == w.PostId));
        var answered = await waits.Where(w => w.AnsweredAt >= from && w.AnsweredAt < to)
            .Select(w => new { w.Since, AnsweredAt = w.AnsweredAt!.Value, w.First }).ToListAsync(ct);
        var answeredIn = answered.ToLookup(a => Bucket(weeks, a.AnsweredAt));
        var answers = weeks.Select((start, i) =>
        {
            var week = answeredIn[i]
                .Select(a => (a.First, Hours: clock.BusinessTimeBetween(a.Since, a.AnsweredAt).TotalHours)).ToList();
            var first = Figures(week.Where(a => a.First).Select(a => a.Hours), response.Value.FirstAnswerTarget);
            var next = Figures(week.Where(a => !a.First).Select(a => a.Hours), response.Value.NextAnswerTarget);
            return new AnswerWeek(start, first.Count, first.Median, first.P90, first.Within, next.Count, next.Median, next.P90, next.Within);
        }).ToList();

        // Two range reads of (EndedAt, Since) rather than one OR, which a planner may answer by reading every wait.
        var open = await waits.Where(w => w.EndedAt == null && w.Since < to).Select(w => new { w.Since, w.EndedAt, w.EscalatedAt }).ToListAsync(ct);
        var ended = await waits.Where(w => w.EndedAt >= from && w.Since < to).Select(w => new { w.Since, w.EndedAt, w.EscalatedAt }).ToListAsync(ct);
        var overlapping = open.Concat(ended).ToList();
        var escalatedIn = overlapping.Where(w => w.EscalatedAt >= from).ToLookup(w => Bucket(weeks, w.EscalatedAt!.Value));
        var waiting = weeks.Select((start, i) =>
        {
            var end = i + 1 < weeks.Count ? weeks[i + 1] : now;
            return new WaitingWeek(start, overlapping.Count(w => w.Since <= end && (w.EndedAt is null || w.EndedAt > end)), escalatedIn[i].Count());
        }).ToList();

        var byStatus = await ideas.Where(p => p.CreatedAt >= from && p.CreatedAt < to)
            .GroupBy(p => p.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var ideasByStatus = IdeaStatuses.Select(s => new StatusCount(s, byStatus.FirstOrDefault(b => b.Status == s)?.Count ?? 0)).ToList();

        var shipped = await db.StatusChanges.AsNoTracking().Where(c => c.To == PostStatus.Shipped && c.ChangedAt >= from && c.ChangedAt < to)
            .Join(ideas, c => c.PostId, p => p.Id, (c, p) => new { c.ChangedAt, p.CreatedAt }).ToListAsync(ct);
        var shippedIn = shipped.ToLookup(s => Bucket(months, s.ChangedAt));
        var timeToShip = months.Select((start, i) =>
        {
            var days = shippedIn[i].Select(s => (s.ChangedAt - s.CreatedAt).TotalDays).Order().ToList();
            return new ShipMonth(start, days.Count, Median(days), Percentile(days, 0.9));
        }).ToList();

        return new(query, from, to, mood, satisfaction, comments, answers, waiting, ideasByStatus, timeToShip,
            await TopIdeasAsync(ideas, ct), await SolvesItAsync(db, ideas, from, to, ct));
    }

    /// <summary>The ideas' statuses in their order on the roadmap, declined last.</summary>
    public static readonly IReadOnlyList<PostStatus> IdeaStatuses =
        [PostStatus.Open, PostStatus.UnderReview, PostStatus.Planned, PostStatus.InProgress, PostStatus.Shipped, PostStatus.Declined];

    // What the portal no longer shows (removed, held) counts nowhere.
    private static IQueryable<Post> Filtered(IQueryable<Post> posts, InsightsQuery query, DateTime now)
    {
        posts = posts.Where(p => p.RemovedAt == null && p.HeldAt == null);
        if (query.CategoryId is { } category)
        {
            posts = posts.Where(p => p.CategoryId == category);
        }

        if (query.MinTenureYears is { } years)
        {
            var since = now.AddYears(-years);
            posts = posts.Where(p => p.Author!.CustomerSince <= since);
        }

        return posts;
    }

    // Ideas still to be decided, all time: by everyone's votes, the loyal's and the newest's. Each order is exactly an
    // index's read backwards (ties: the newer first), so the database stops after ten instead of sorting every idea.
    private static async Task<TopIdeas> TopIdeasAsync(IQueryable<Post> ideas, CancellationToken ct)
    {
        var open = ideas.Where(p => p.Status == PostStatus.Open || p.Status == PostStatus.UnderReview);
        Task<List<TopIdea>> Top(IQueryable<Post> ordered) => ordered.Take(TopShown)
            .Select(p => new TopIdea(p.Id, p.Title, p.Status, p.VoteCount, p.LoyalVoteCount, p.NewcomerVoteCount)).ToListAsync(ct);
        return new(
            await Top(open.Where(p => p.VoteCount > 0).OrderByDescending(p => p.VoteCount).ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)),
            await Top(open.Where(p => p.LoyalVoteCount > 0).OrderByDescending(p => p.LoyalVoteCount).ThenByDescending(p => p.Id)),
            await Top(open.Where(p => p.NewcomerVoteCount > 0).OrderByDescending(p => p.NewcomerVoteCount).ThenByDescending(p => p.Id)));
    }

    private static async Task<List<SolvesItShare>> SolvesItAsync(CareDb db, IQueryable<Post> ideas, DateTime from, DateTime to, CancellationToken ct)
    {
        var counts = await db.SolvesItAnswers.AsNoTracking().Where(a => a.At >= from && a.At < to)
            .GroupBy(a => a.PostId)
            .Select(g => new { PostId = g.Key, Yes = g.Count(a => a.Solves), No = g.Count(a => !a.Solves) })
            .OrderByDescending(g => g.Yes + g.No).ThenBy(g => g.PostId).Take(SolvesItShown * 2)
            .ToListAsync(ct);
        var ids = counts.Select(c => c.PostId).ToList();
        var shipped = await ideas.Where(p => ids.Contains(p.Id) && p.Status == PostStatus.Shipped)
            .Select(p => new { p.Id, p.Title, p.ShippedIn }).ToDictionaryAsync(p => p.Id, ct);
        return [.. counts.Where(c => shipped.ContainsKey(c.PostId)).Take(SolvesItShown)
            .Select(c => new SolvesItShare(c.PostId, shipped[c.PostId].Title, shipped[c.PostId].ShippedIn, c.Yes, c.No))];
    }

    /// <summary>Monday 00:00 in the portal's zone of the last <paramref name="count"/> weeks up to <paramref name="now"/>'s, as UTC, oldest first.</summary>
    public List<DateTime> WeekStarts(DateTime now, int count)
    {
        var today = clock.ToLocal(now).Date;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return [.. Enumerable.Range(0, count).Select(i => clock.ToUtc(monday.AddDays(-7 * (count - 1 - i))))];
    }

    private List<DateTime> MonthStarts(DateTime from, DateTime now)
    {
        var (first, last) = (clock.ToLocal(from), clock.ToLocal(now));
        var months = new List<DateTime>();
        for (var month = new DateTime(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            months.Add(clock.ToUtc(month));
        }

        return months;
    }

    // The bucket an instant falls in: the last start at or before it (starts ascend; the caller's range keeps it ≥ 0).
    private static int Bucket(List<DateTime> starts, DateTime at)
    {
        var i = starts.BinarySearch(at);
        return i >= 0 ? i : Math.Max(0, ~i - 1);
    }

    private static (int Count, double? Median, double? P90, double? Within) Figures(IEnumerable<double> hours, TimeSpan target)
    {
        var sorted = hours.Order().ToList();
        return (sorted.Count, Median(sorted), Percentile(sorted, 0.9),
            sorted.Count == 0 ? null : (double)sorted.Count(h => h <= target.TotalHours) / sorted.Count);
    }

    /// <summary>The middle value, or the mean of the two middle ones; null for none.</summary>
    public static double? Median(IReadOnlyList<double> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var n = sorted.Count;
        return n == 0 ? null : n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="p"/> of all at or below it; null for none.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
