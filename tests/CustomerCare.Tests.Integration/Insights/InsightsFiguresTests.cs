using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Insights;
using CustomerCare.Web.Features.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CustomerCare.Tests.Support.ResponseClockTesting;

namespace CustomerCare.Tests.Integration.Insights;

/// <summary>
/// The insights' figures against values worked out by hand from rows a test wrote: four weeks up to Wednesday
/// 10 March 2027, 13:00 in Berlin (CET, UTC+1), business hours Mon–Fri 08:00–18:00, targets 4 h first and 8 h next.
/// The ideas keep to a category of their own, and the complaints (filed without one, as the portal files them, so the
/// category filter leaves them be) to a time no other test's complaint is at. On SQLite and PostgreSQL.
/// </summary>
public abstract class InsightsFiguresTests(PortalFactory portal)
{
    private static readonly DateTime Now = Utc("2027-03-10 12:00");

    // Monday 00:00 in Berlin of the four weeks, as UTC.
    private static readonly DateTime[] Weeks = [Utc("2027-02-14 23:00"), Utc("2027-02-21 23:00"), Utc("2027-02-28 23:00"), Utc("2027-03-07 23:00")];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private InsightsService Insights => At(Now);

    private InsightsService At(DateTime now) => new(Dbs, Clock(time: new ManualTime(now)));

    [Fact]
    public async Task Every_chart_of_four_weeks_shows_the_figures_worked_out_by_hand()
    {
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        // The shared database may hold complaints still waiting from before (PostgreSQL's demo): they wait in every week.
        var before = (await Insights.ReportAsync(new(InsightsPeriod.FourWeeks), staff.Viewer, Ct))!.Waiting;
        var category = await SeedAsync();

        var report = await Insights.ReportAsync(new(InsightsPeriod.FourWeeks, category), staff.Viewer, Ct);

        Assert.NotNull(report);
        Assert.Equal((Weeks[0], Now), (report.From, report.To));
        Assert.Equal(Weeks, report.Mood.Select(m => m.Start));
        Assert.Equal(
            [new(Weeks[0], 1, 0, 0, 0, 0), new(Weeks[1], 0, 1, 0, 0, 0), new(Weeks[2], 0, 0, 0, 0, 0), new MoodWeek(Weeks[3], 1, 0, 1, 1, 0)],
            report.Mood);

        // February: one 4; March: a 2 and a 5. Months start on the 1st, 00:00 in Berlin.
        Assert.Equal([Utc("2027-01-31 23:00"), Utc("2027-02-28 23:00")], report.Satisfaction.Select(s => s.Start));
        Assert.Equal([0, 0, 0, 1, 0], report.Satisfaction[0].Stars);
        Assert.Equal(4.0, report.Satisfaction[0].Average);
        Assert.Equal([0, 1, 0, 0, 1], report.Satisfaction[1].Stars);
        Assert.Equal(3.5, report.Satisfaction[1].Average);
        Assert.Equal(["Slow", "Quick"], report.Comments.Select(c => c.Comment));

        // Week 1: a first answer after 1 h and a next one after 3 h (17–18 h, then 08–10 h). Week 2: none. Week 3: a first
        // answer after 30 h (Thu 10–18, Fri, Mon, Tue 08–10) and a next one after 20 h. Week 4: first answers after 3 h and 6.5 h.
        Assert.Equal(new AnswerWeek(Weeks[0], 1, 1.0, 1.0, 1.0, 1, 3.0, 3.0, 1.0), report.AnswerTimes[0]);
        Assert.Equal(new AnswerWeek(Weeks[1], 0, null, null, null, 0, null, null, null), report.AnswerTimes[1]);
        Assert.Equal(new AnswerWeek(Weeks[2], 1, 30.0, 30.0, 0.0, 1, 20.0, 20.0, 0.0), report.AnswerTimes[2]);
        Assert.Equal(new AnswerWeek(Weeks[3], 2, 4.75, 6.5, 0.5, 0, null, null, null), report.AnswerTimes[3]);

        // Waiting at each week's end (now for this week); the one escalation fell in week 3.
        Assert.Equal([0, 1, 0, 1], report.Waiting.Zip(before, (w, b) => w.WaitingAtEnd - b.WaitingAtEnd));
        Assert.Equal([0, 0, 1, 0], report.Waiting.Zip(before, (w, b) => w.Escalations - b.Escalations));

        Assert.Equal([1, 1, 0, 0, 1, 1], report.IdeasByStatus.Select(s => s.Ideas));
        Assert.Equal(PostRules.IdeaStatuses, report.IdeasByStatus.Select(s => s.Status));

        // Shipped in March after 123 days and after 18 days.
        Assert.Equal([0, 2], report.TimeToShip.Select(s => s.Shipped));
        Assert.Equal((70.5, 123.0), (report.TimeToShip[1].MedianDays!.Value, report.TimeToShip[1].P90Days!.Value));

        Assert.Equal([(5, 3, 0), (2, 0, 2)], report.TopIdeas.Overall.Select(i => (i.Votes, i.LoyalVotes, i.NewcomerVotes)));
        Assert.Equal([5], report.TopIdeas.Loyal.Select(i => i.Votes));
        Assert.Equal([2], report.TopIdeas.Newest.Select(i => i.Votes));

        var solves = Assert.Single(report.SolvesIt);
        Assert.Equal((2, 1), (solves.Yes, solves.No));

        // Customers of ten years and more: the newcomer's complaint drops out of week 4.
        var loyalOnly = await Insights.ReportAsync(new(InsightsPeriod.FourWeeks, category, 10), staff.Viewer, Ct);
        Assert.Equal(new MoodWeek(Weeks[3], 1, 0, 0, 1, 0), loyalOnly!.Mood[3]);
    }

    [Fact]
    public async Task A_period_without_anything_has_its_weeks_with_zeros_and_no_averages()
    {
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var category = await AddCategoryAsync();

        var nothingThen = At(Utc("2031-06-04 10:00")); // long after every complaint any test of this class files

        var report = await nothingThen.ReportAsync(new(InsightsPeriod.Quarter, category), staff.Viewer, Ct);

        Assert.NotNull(report);
        Assert.Equal(13, report.Mood.Count);
        Assert.All(report.Mood, m => Assert.Equal(0, m.Total));
        Assert.All(report.Satisfaction, s => Assert.Null(s.Average));
        Assert.All(report.AnswerTimes, a => Assert.Null(a.FirstMedianHours));
        Assert.Empty(report.TopIdeas.Overall);
        Assert.Empty(report.SolvesIt);
        Assert.Equal(52, (await nothingThen.ReportAsync(new(InsightsPeriod.Year, category), staff.Viewer, Ct))!.Waiting.Count);
    }

    [Fact]
    public async Task A_customer_gets_no_insights()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);

        Assert.Null(await Insights.ReportAsync(new(), customer.Viewer, Ct));
        Assert.Null(await Insights.ReportAsync(new(), CustomerCare.Web.Infrastructure.Viewer.Anonymous, Ct));
    }

    private async Task<int> AddCategoryAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var slug = $"insights-{Guid.NewGuid():N}"[..30];
        var category = new Category { Slug = slug, NameEnglish = slug, NameGerman = slug, SortOrder = 999 };
        db.Categories.Add(category);
        await db.SaveChangesAsync(Ct);
        return category.Id;
    }

    private async Task<int> SeedAsync()
    {
        var category = await AddCategoryAsync();
        var loyal = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var newcomer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var voters = new[] { await portal.AddPersonAsync(Roles.Customer, ct: Ct), await portal.AddPersonAsync(Roles.Customer, ct: Ct), await portal.AddPersonAsync(Roles.Customer, ct: Ct) };
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Users.Where(u => u.Id == loyal.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, Utc("2014-05-01 00:00")), Ct);
        await db.Users.Where(u => u.Id == newcomer.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, Utc("2027-01-05 00:00")), Ct);

        Post Complaint(string filed, ComplaintMood mood, TestPerson by) => new()
        {
            Kind = PostKind.Complaint, Title = TestPeople.UniqueTitle("Insight"), Body = "By a test.", AuthorId = by.Id,
            CreatedAt = Utc(filed), UpdatedAt = Utc(filed), Mood = mood, IsPublic = false,
        };
        var c1 = Complaint("2027-03-08 09:00", ComplaintMood.Angry, loyal);
        var c2 = Complaint("2027-03-09 10:00", ComplaintMood.Hopeful, loyal);
        var c3 = Complaint("2027-02-16 09:00", ComplaintMood.Angry, loyal);
        var c4 = Complaint("2027-01-10 09:00", ComplaintMood.Unsure, loyal);
        var c5 = Complaint("2027-02-25 09:00", ComplaintMood.Disappointed, loyal);
        var c6 = Complaint("2027-03-09 11:00", ComplaintMood.Unsure, newcomer);
        (c3.Rating, c3.RatedAt, c3.RatingComment) = (4, Utc("2027-02-20 10:00"), "Quick");
        (c4.Rating, c4.RatedAt, c4.RatingComment) = (2, Utc("2027-03-02 10:00"), "Slow");
        (c1.Rating, c1.RatedAt) = (5, Utc("2027-03-09 08:00"));
        Wait(c1, "2027-03-08 09:00", "2027-03-08 12:00", first: true);
        Wait(c1, "2027-03-09 09:00", null, first: false);
        Wait(c2, "2027-03-09 10:00", "2027-03-09 16:30", first: true);
        Wait(c3, "2027-02-16 09:00", "2027-02-16 10:00", first: true);
        Wait(c3, "2027-02-16 16:00", "2027-02-17 09:00", first: false);
        Wait(c4, "2027-01-10 09:00", "2027-01-11 09:00", first: true);
        Wait(c4, "2027-03-01 08:00", "2027-03-03 08:00", first: false).EscalatedAt = Utc("2027-03-01 17:00");
        Wait(c5, "2027-02-25 09:00", "2027-03-02 09:00", first: true);
        Wait(c6, "2027-03-09 11:00", "2027-03-09 12:00", first: true).EndedAt = Utc("2027-03-09 12:00");
        c6.Waits[0].AnsweredAt = null; // solved before anyone answered: it ends, but counts as no answer

        Post Idea(string created, PostStatus status, int votes = 0, int loyalVotes = 0, int newcomerVotes = 0) => new()
        {
            Kind = PostKind.Idea, Title = TestPeople.UniqueTitle("Insight idea"), Body = "By a test.", AuthorId = loyal.Id, CategoryId = category,
            CreatedAt = Utc(created), UpdatedAt = Utc(created), Status = status, VoteCount = votes, LoyalVoteCount = loyalVotes, NewcomerVoteCount = newcomerVotes,
        };
        var i3 = Idea("2026-11-01 10:00", PostStatus.Shipped);
        var i4 = Idea("2027-02-17 10:00", PostStatus.Shipped);
        i3.StatusChanges.Add(new StatusChange { PostId = 0, From = PostStatus.InProgress, To = PostStatus.Shipped, ChangedById = loyal.Id, ChangedAt = Utc("2027-03-04 10:00") });
        i4.StatusChanges.Add(new StatusChange { PostId = 0, From = PostStatus.InProgress, To = PostStatus.Shipped, ChangedById = loyal.Id, ChangedAt = Utc("2027-03-07 10:00") });
        db.Posts.AddRange(c1, c2, c3, c4, c5, c6, i3, i4,
            Idea("2027-02-20 10:00", PostStatus.Open, votes: 5, loyalVotes: 3),
            Idea("2027-03-05 10:00", PostStatus.UnderReview, votes: 2, newcomerVotes: 2),
            Idea("2027-02-18 10:00", PostStatus.Declined));
        await db.SaveChangesAsync(Ct);
        db.SolvesItAnswers.AddRange(
            new SolvesItAnswer { PostId = i4.Id, UserId = voters[0].Id, Solves = true, At = Utc("2027-03-08 10:00") },
            new SolvesItAnswer { PostId = i4.Id, UserId = voters[1].Id, Solves = true, At = Utc("2027-03-08 11:00") },
            new SolvesItAnswer { PostId = i4.Id, UserId = voters[2].Id, Solves = false, At = Utc("2027-03-09 10:00") },
            new SolvesItAnswer { PostId = i3.Id, UserId = voters[0].Id, Solves = true, At = Utc("2027-01-05 10:00") });
        await db.SaveChangesAsync(Ct);
        return category;

        static ComplaintWait Wait(Post complaint, string since, string? answered, bool first)
        {
            var wait = new ComplaintWait
            {
                PostId = 0, Since = Utc(since), First = first,
                AnsweredAt = answered is null ? null : Utc(answered), EndedAt = answered is null ? null : Utc(answered),
            };
            complaint.Waits.Add(wait);
            return wait;
        }
    }
}

public sealed class SqliteInsightsFiguresTests(EmptyPortalFactory portal) : InsightsFiguresTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresInsightsFiguresTests(PostgresPortalFactory portal) : InsightsFiguresTests(portal), IClassFixture<PostgresPortalFactory>;
