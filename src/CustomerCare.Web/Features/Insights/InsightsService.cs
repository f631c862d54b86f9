using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// The owners' view of how customers are doing: mood, satisfaction, answer times, waiting and escalations, the ideas'
/// way to shipped and what the loyal and the newest want. Internal, so only people who work here get it. Every figure is
/// one indexed range read of the period (complaints by filing or rating time, <see cref="ComplaintWait"/> by end, status
/// changes by time) or an index-ordered top list; weeks and months are the portal's zone's, bucketed in memory. Answer
/// times are business time, as the desk's clock counts them. The reads are independent, so they run at once, each on a
/// context of its own: one view waits for the longest read rather than for their sum.
/// </summary>
public sealed class InsightsService(IDbContextFactory<CareDb> dbs, ResponseClock clock)
{
    public const int CommentsShown = 20;

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
        var period = new InsightsWindow(query, weeks, MonthStarts(weeks[0], now), now);
        var mood = ReadAsync(db => MoodAsync(db, period, ct), ct);
        var satisfaction = ReadAsync(db => SatisfactionAsync(db, period, ct), ct);
        var waits = ReadAsync(db => WaitsAsync(db, period, ct), ct);
        var byStatus = ReadAsync(db => IdeaFigures.ByStatusAsync(db, period, ct), ct);
        var toShip = ReadAsync(db => IdeaFigures.TimeToShipAsync(db, period, ct), ct);
        var top = ReadAsync(db => IdeaFigures.TopAsync(db, period, ct), ct);
        var solvesIt = ReadAsync(db => IdeaFigures.SolvesItAsync(db, period, ct), ct);
        await Task.WhenAll(mood, satisfaction, waits, byStatus, toShip, top, solvesIt);

        var ((months, comments), (answers, waiting)) = (await satisfaction, await waits);
        return new(query, period.From, period.To, await mood, months, comments, answers, waiting,
            await byStatus, await toShip, await top, await solvesIt);
    }

    private async Task<T> ReadAsync<T>(Func<CareDb, Task<T>> read, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await read(db);
    }

    // Complaints are filed without a category, so the category narrows the ideas' charts only (the filter says so).
    private static IQueryable<Post> Complaints(CareDb db, InsightsWindow period) =>
        period.Filtered(db.Posts.AsNoTracking().Where(p => p.Kind == PostKind.Complaint), withCategory: false);

    private static async Task<List<MoodWeek>> MoodAsync(CareDb db, InsightsWindow period, CancellationToken ct)
    {
        var filed = await Complaints(db, period).Where(p => p.CreatedAt >= period.From && p.CreatedAt < period.To)
            .Select(p => new { p.CreatedAt, p.Mood }).ToListAsync(ct);
        var filedIn = filed.ToLookup(f => period.Week(f.CreatedAt), f => f.Mood);
        return [.. period.Weeks.Select((start, i) =>
        {
            var week = filedIn[i].ToList();
            int Count(ComplaintMood? m) => week.Count(f => f == m);
            return new MoodWeek(start, Count(ComplaintMood.Angry), Count(ComplaintMood.Disappointed), Count(ComplaintMood.Unsure),
                Count(ComplaintMood.Hopeful), Count(null));
        })];
    }

    private static async Task<(List<SatisfactionMonth>, List<RatingCommentView>)> SatisfactionAsync(
        CareDb db, InsightsWindow period, CancellationToken ct)
    {
        var rated = Complaints(db, period).Where(p => p.RatedAt >= period.From && p.RatedAt < period.To && p.Rating != null);
        var ratings = await rated.Select(p => new { RatedAt = p.RatedAt!.Value, Rating = p.Rating!.Value }).ToListAsync(ct);
        var ratedIn = ratings.ToLookup(r => period.Month(r.RatedAt), r => r.Rating);
        var months = period.Months.Select((start, i) =>
        {
            var month = ratedIn[i].ToList();
            var stars = Enumerable.Range(Post.RatingMin, Post.RatingMax - Post.RatingMin + 1).Select(star => month.Count(r => r == star)).ToList();
            return new SatisfactionMonth(start, stars, month.Count == 0 ? null : month.Average());
        }).ToList();
        var comments = await rated.Where(p => p.RatingComment != null && p.AnonymizedAt == null)
            .OrderByDescending(p => p.RatedAt).ThenByDescending(p => p.Id).Take(CommentsShown)
            .Select(p => new RatingCommentView(p.Id, p.Title, p.Rating!.Value, p.RatingComment!, p.RatedAt!.Value))
            .ToListAsync(ct);
        return (months, comments);
    }

    // The waits that overlap the period: still open, or ended in it. An answer ends its wait at the same moment, so the
    // period's answers are among the ended ones. Two range reads of the covering (EndedAt, Since, …) index rather than one
    // OR, which a planner may answer by reading every wait; a semi-join, so the database starts from the period's waits
    // and looks each complaint up by its key (a join let SQLite start from every complaint: docs/benchmarks.md, insights run 1).
    private async Task<(List<AnswerWeek>, List<WaitingWeek>)> WaitsAsync(CareDb db, InsightsWindow period, CancellationToken ct)
    {
        var complaints = Complaints(db, period);
        var waits = db.ComplaintWaits.AsNoTracking().Where(w => complaints.Any(p => p.Id == w.PostId));
        var open = await waits.Where(w => w.EndedAt == null && w.Since < period.To)
            .Select(w => new PeriodWait(w.Since, w.EndedAt, w.AnsweredAt, w.First, w.EscalatedAt)).ToListAsync(ct);
        var ended = await waits.Where(w => w.EndedAt >= period.From && w.Since < period.To)
            .Select(w => new PeriodWait(w.Since, w.EndedAt, w.AnsweredAt, w.First, w.EscalatedAt)).ToListAsync(ct);

        var answeredIn = ended.Where(w => w.AnsweredAt < period.To).ToLookup(w => period.Week(w.AnsweredAt!.Value));
        var answers = period.Weeks.Select((start, i) =>
        {
            var week = answeredIn[i].Select(a => (a.First, Hours: clock.BusinessTimeBetween(a.Since, a.AnsweredAt!.Value).TotalHours)).ToList();
            var first = Figures(week.Where(a => a.First).Select(a => a.Hours), clock.TargetFor(firstAnswer: true));
            var next = Figures(week.Where(a => !a.First).Select(a => a.Hours), clock.TargetFor(firstAnswer: false));
            return new AnswerWeek(start, first.Count, first.Median, first.P90, first.Within, next.Count, next.Median, next.P90, next.Within);
        }).ToList();

        // Waiting at an instant: begun by then, and not ended by then. Whatever ended by then had begun by then, so it is
        // the difference of two counts, each a binary search in a sorted list.
        var overlapping = open.Concat(ended).ToList();
        var since = overlapping.Select(w => w.Since).Order().ToList();
        var endings = ended.Select(w => w.EndedAt!.Value).Order().ToList();
        var escalatedIn = overlapping.Where(w => w.EscalatedAt >= period.From).ToLookup(w => period.Week(w.EscalatedAt!.Value));
        var waiting = period.Weeks.Select((start, i) =>
        {
            var end = i + 1 < period.Weeks.Count ? period.Weeks[i + 1] : period.To;
            return new WaitingWeek(start, InsightsWindow.AtOrBefore(since, end) - InsightsWindow.AtOrBefore(endings, end), escalatedIn[i].Count());
        }).ToList();
        return (answers, waiting);
    }

    private sealed record PeriodWait(DateTime Since, DateTime? EndedAt, DateTime? AnsweredAt, bool First, DateTime? EscalatedAt);

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
