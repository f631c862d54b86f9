using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Insights;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Benchmarks.Insights;

/// <summary>
/// A report's figures against direct counts over the same rows and period, written plainly (no index in mind): new
/// complaints by mood, ratings, answers, ideas proposed, shipped ideas and the most-voted open idea. The report is only
/// worth timing if it is right.
/// </summary>
public static class InsightsCheck
{
    public static async Task ReportAsync(PortalHost host, InsightsReport report, DatabaseProvider provider, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(report);
        var (from, to, query) = (report.From, report.To, report.Query);
        await using var db = await host.Dbs.CreateDbContextAsync(ct);
        var posts = db.Posts.AsNoTracking().Where(p => p.RemovedAt == null && p.HeldAt == null);
        if (query.MinTenureYears is { } years)
        {
            var since = to.AddYears(-years);
            posts = posts.Where(p => p.Author!.CustomerSince <= since);
        }

        // The category narrows the ideas only: the portal files complaints without one.
        var complaints = posts.Where(p => p.Kind == PostKind.Complaint);
        var ideas = posts.Where(p => p.Kind == PostKind.Idea && p.MergedIntoId == null);
        if (query.CategoryId is { } category)
        {
            ideas = ideas.Where(p => p.CategoryId == category);
        }

        var moods = await complaints.Where(p => p.CreatedAt >= from && p.CreatedAt < to)
            .GroupBy(p => p.Mood).Select(g => new { Mood = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Filed(ComplaintMood? mood) => moods.FirstOrDefault(m => m.Mood == mood)?.Count ?? 0;
        Expect("angry complaints", report.Mood.Sum(w => w.Angry), Filed(ComplaintMood.Angry));
        Expect("disappointed complaints", report.Mood.Sum(w => w.Disappointed), Filed(ComplaintMood.Disappointed));
        Expect("unsure complaints", report.Mood.Sum(w => w.Unsure), Filed(ComplaintMood.Unsure));
        Expect("hopeful complaints", report.Mood.Sum(w => w.Hopeful), Filed(ComplaintMood.Hopeful));
        Expect("complaints without a mood", report.Mood.Sum(w => w.NoMood), Filed(null));
        Expect("ratings", report.Satisfaction.Sum(m => m.Count), await complaints.CountAsync(p => p.Rating != null && p.RatedAt >= from && p.RatedAt < to, ct));
        Expect("answers", report.AnswerTimes.Sum(w => w.FirstAnswers + w.NextAnswers),
            await db.ComplaintWaits.CountAsync(w => w.AnsweredAt >= from && w.AnsweredAt < to && complaints.Any(p => p.Id == w.PostId), ct));
        Expect("ideas proposed", report.IdeasByStatus.Sum(s => s.Ideas), await ideas.CountAsync(p => p.CreatedAt >= from && p.CreatedAt < to, ct));
        Expect("ideas shipped", report.TimeToShip.Sum(m => m.Shipped),
            await db.StatusChanges.CountAsync(c => c.To == PostStatus.Shipped && c.ChangedAt >= from && c.ChangedAt < to && ideas.Any(p => p.Id == c.PostId), ct));
        var open = ideas.Where(p => p.Status == PostStatus.Open || p.Status == PostStatus.UnderReview);
        Expect("votes of the most-voted open idea", (report.TopIdeas.Overall.Count == 0 ? 0 : report.TopIdeas.Overall[0].Votes), await open.MaxAsync(p => (int?)p.VoteCount, ct) ?? 0);
        Expect("loyal votes of the loyal's favourite", (report.TopIdeas.Loyal.Count == 0 ? 0 : report.TopIdeas.Loyal[0].LoyalVotes), await open.MaxAsync(p => (int?)p.LoyalVoteCount, ct) ?? 0);
        if (query.CategoryId is null && report.Mood.Sum(w => w.Total) == 0)
        {
            throw new BenchmarkCheckException($"{provider}: {query}: no complaint filed in the period; the seeding missed it.");
        }

        void Expect(string what, int reported, int counted)
        {
            if (reported != counted)
            {
                throw new BenchmarkCheckException($"{provider}: {query}: the report shows {reported} {what}, a direct count finds {counted}.");
            }
        }
    }
}
