using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Complaints;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Staff;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static CustomerCare.Tests.Support.ResponseClockTesting;

namespace CustomerCare.Tests.Integration.Staff;

/// <summary>
/// The complaints desk and its escalation, on a clock the test sets. Complaints are dated March 2027, ahead of the
/// real clock, so the host's own escalation job (on the system clock) sees them as just filed and leaves them alone.
/// </summary>
public abstract class StaffDeskTests(PortalFactory portal)
{
    // Monday 8 March 2027, 12:30 in Berlin (CET). Business hours Mon–Fri 08:00–18:00, first answer within 4 hours.
    private static readonly DateTime MondayNoon = Utc("2027-03-08 11:30");

    private readonly TestContent content = new(portal);

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Overdue_comes_first_then_an_angry_long_wait_before_calmer_and_shorter_waits()
    {
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var customer = (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!;
        var angryShort = await AddComplaintAsync(customer, ComplaintMood.Angry, Utc("2027-03-08 11:00"));
        var calmShort = await AddComplaintAsync(customer, ComplaintMood.Hopeful, Utc("2027-03-08 10:30"));
        var calmLonger = await AddComplaintAsync(customer, ComplaintMood.Disappointed, Utc("2027-03-08 08:00"));
        var angryLong = await AddComplaintAsync(customer, ComplaintMood.Angry, Utc("2027-03-08 08:30"));
        var overdue = await AddComplaintAsync(customer, ComplaintMood.Hopeful, Utc("2027-03-08 07:00"));
        var mine = new[] { angryShort, calmShort, calmLonger, angryLong, overdue };

        var desk = await Desk(new ManualTime(MondayNoon)).ListAsync(new(), staff, Ct);

        var rows = desk.Rows.Where(r => mine.Contains(r.Id)).ToList();
        Assert.Equal([overdue, angryLong, calmLonger, calmShort, angryShort], rows.Select(r => r.Id));
        Assert.Equal([true, false, false, false, false], rows.Select(r => r.Overdue));
        Assert.Equal(TimeSpan.FromMinutes(30), rows[0].Clock!.OverdueBy);
        Assert.Equal(TimeSpan.FromHours(3), rows[1].Clock!.Waited);
        Assert.True(desk.Unanswered >= 5);
    }

    [Fact]
    public async Task The_desk_shows_tenure_and_earlier_complaints_filters_by_owner_and_sorts_by_tenure()
    {
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var loyal = (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!;
        var recent = (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!;
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Users.Where(u => u.Id == loyal).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, Utc("2014-05-01 00:00")), Ct);
            await db.Users.Where(u => u.Id == recent).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, Utc("2025-05-01 00:00")), Ct);
        }

        var solved = await AddComplaintAsync(loyal, ComplaintMood.Unsure, Utc("2027-01-04 09:00"));
        await content.SetStatusAsync(solved, PostStatus.Solved, Ct);
        await AddComplaintAsync(loyal, ComplaintMood.Unsure, Utc("2027-02-01 09:00"));
        var loyalNow = await AddComplaintAsync(loyal, ComplaintMood.Hopeful, Utc("2027-03-08 11:00"), ownerId: staff.UserId);
        var recentNow = await AddComplaintAsync(recent, ComplaintMood.Angry, Utc("2027-03-08 07:00"));
        var desk = Desk(new ManualTime(MondayNoon));

        var all = (await desk.ListAsync(new(), staff, Ct)).Rows;
        var loyalRow = all.Single(r => r.Id == loyalNow);
        Assert.Equal(2014, loyalRow.Customer.CustomerSince.Year);
        Assert.Equal((2, 1, 1), (loyalRow.History.EarlierComplaints, loyalRow.History.EarlierSolved, loyalRow.History.EarlierOpen));
        Assert.Equal(0, all.Single(r => r.Id == recentNow).History.EarlierComplaints);
        Assert.DoesNotContain(all, r => r.Id == solved);
        Assert.True(Index(all, recentNow) < Index(all, loyalNow));

        var byTenure = (await desk.ListAsync(new(ByTenure: true), staff, Ct)).Rows;
        Assert.True(Index(byTenure, loyalNow) < Index(byTenure, recentNow));

        Assert.Equal([loyalNow], (await desk.ListAsync(new(DeskFilter.Mine), staff, Ct)).Rows.Select(r => r.Id));
        var unassigned = (await desk.ListAsync(new(DeskFilter.Unassigned), staff, Ct)).Rows;
        Assert.Contains(unassigned, r => r.Id == recentNow);
        Assert.All(unassigned, r => Assert.Null(r.Owner));
    }

    [Fact]
    public async Task The_desk_filters_by_escalation_and_by_years_as_a_customer_but_counts_every_unanswered_complaint()
    {
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var elevenYears = await CustomerSinceAsync(Utc("2016-01-01 00:00"));
        var almostSixYears = await CustomerSinceAsync(Utc("2021-06-01 00:00"));
        var underOneYear = await CustomerSinceAsync(Utc("2026-06-01 00:00"));
        var oldest = await AddComplaintAsync(elevenYears, ComplaintMood.Hopeful, Utc("2027-03-08 10:00"));
        var middle = await AddComplaintAsync(almostSixYears, ComplaintMood.Angry, Utc("2027-03-08 10:00"));
        var newest = await AddComplaintAsync(underOneYear, ComplaintMood.Unsure, Utc("2027-03-08 10:00"));
        var mine = new[] { oldest, middle, newest };
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == middle || p.Id == newest).ExecuteUpdateAsync(s => s.SetProperty(p => p.EscalatedAt, MondayNoon), Ct);
        }

        var desk = Desk(new ManualTime(MondayNoon));
        async Task<IReadOnlyList<int>> Shown(DeskQuery query) =>
            [.. (await desk.ListAsync(query, staff, Ct)).Rows.Select(r => r.Id).Where(mine.Contains).Order()];

        Assert.Equal([oldest], await Shown(new(MinTenureYears: 10)));
        Assert.Equal([oldest, middle], await Shown(new(MinTenureYears: 5)));
        Assert.Equal([oldest, middle], await Shown(new(MinTenureYears: 1)));
        Assert.Equal([oldest, middle, newest], await Shown(new()));
        Assert.Equal([middle, newest], await Shown(new(DeskFilter.Escalated)));
        Assert.Equal([middle], await Shown(new(DeskFilter.Escalated, MinTenureYears: 5)));
        Assert.All((await desk.ListAsync(new(DeskFilter.Escalated), staff, Ct)).Rows, r => Assert.NotNull(r.EscalatedAt));

        var everything = await desk.ListAsync(new(), staff, Ct);
        var narrowed = await desk.ListAsync(new(DeskFilter.Escalated, MinTenureYears: 10), staff, Ct);
        Assert.Equal(everything.Rows.Count(r => r.Waiting), narrowed.Unanswered);
        Assert.True(narrowed.Rows.Count < everything.Rows.Count);
    }

    [Fact]
    public async Task The_escalation_badge_counts_the_open_escalated_complaints_the_desk_lists()
    {
        var admin = await content.AddPersonAsync(Roles.Admin, Ct);
        var customer = (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!;
        var escalated = await AddComplaintAsync(customer, ComplaintMood.Angry, Utc("2027-03-08 07:00"));
        var solved = await AddComplaintAsync(customer, ComplaintMood.Angry, Utc("2027-03-08 07:00"));
        await AddComplaintAsync(customer, ComplaintMood.Angry, Utc("2027-03-08 07:00"));
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == escalated || p.Id == solved).ExecuteUpdateAsync(s => s.SetProperty(p => p.EscalatedAt, MondayNoon), Ct);
        }

        await content.SetStatusAsync(solved, PostStatus.Solved, Ct);
        var desk = Desk(new ManualTime(MondayNoon));

        var listed = (await desk.ListAsync(new(DeskFilter.Escalated), admin, Ct)).Rows;
        var count = await desk.CountEscalatedAsync(admin, Ct);

        Assert.Contains(listed, r => r.Id == escalated);
        Assert.DoesNotContain(listed, r => r.Id == solved);
        Assert.Equal(listed.Count, count);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData(Roles.Customer)]
    public async Task Customers_and_visitors_cannot_open_the_desk(string who)
    {
        var viewer = who == "anonymous" ? Viewer.Anonymous : await content.AddPersonAsync(who, Ct);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Desk(new ManualTime(MondayNoon)).ListAsync(new(), viewer, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Desk(new ManualTime(MondayNoon)).CountEscalatedAsync(viewer, Ct));
    }

    [Fact]
    public async Task A_complaint_escalates_once_its_target_passes_in_business_time_and_resets_when_staff_answer()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);

        // Friday 5 March 2027, 16:00 in Berlin: two business hours left that day, so the 4 hours end Monday 10:00 (09:00 UTC).
        var id = await AddComplaintAsync(customer.UserId!, ComplaintMood.Angry, Utc("2027-03-05 15:00"));
        var time = new ManualTime(Utc("2027-03-06 12:00"));
        var escalation = Escalation(time);
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var onDesk = recorder.ListenTo(LiveTopics.Desk);

        // Saturday: older complaints in this database are long overdue and go first (in batches); this one is not due.
        for (var batch = await escalation.RunOnceAsync(Ct); batch.Count > 0; batch = await escalation.RunOnceAsync(Ct))
        {
            Assert.DoesNotContain(id, batch);
        }

        time.UtcNow = Utc("2027-03-08 09:00");
        Assert.DoesNotContain(id, await escalation.RunOnceAsync(Ct));
        Assert.Null(await EscalatedAtAsync(id));

        time.UtcNow = Utc("2027-03-08 09:01");
        Assert.Contains(id, await escalation.RunOnceAsync(Ct));
        Assert.Equal(time.UtcNow, await EscalatedAtAsync(id));
        Assert.Contains(onDesk.OfType<ComplaintActivity>(), a => a.PostId == id && a.Kind == ComplaintActivityKind.Escalated);
        Assert.NotNull((await Desk(time).ListAsync(new(), staff, Ct)).Rows.Single(r => r.Id == id).EscalatedAt);

        time.UtcNow = Utc("2027-03-08 09:30");
        Assert.DoesNotContain(id, await escalation.RunOnceAsync(Ct));

        await portal.Services.GetRequiredService<ThreadService>().ReplyAsync(id, null, "We are on it.", internalNote: false, staff, Ct);
        Assert.Null(await EscalatedAtAsync(id));
    }

    private static int Index(IReadOnlyList<DeskRow> rows, int id) => rows.ToList().FindIndex(r => r.Id == id);

    private StaffDeskService Desk(ManualTime time) => new(Dbs, Clock(time: time));

    private ComplaintEscalation Escalation(ManualTime time) =>
        new(Dbs, portal.Services.GetRequiredService<ILiveBus>(), Clock(time: time),
            portal.Services.GetRequiredService<CustomerCare.Web.Features.Notifications.NotificationService>(),
            portal.Services.GetRequiredService<CustomerCare.Web.Features.Webhooks.WebhookPublisher>(), NullLogger<ComplaintEscalation>.Instance);

    private async Task<int> AddComplaintAsync(string authorId, ComplaintMood mood, DateTime createdAt, string? ownerId = null)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = new Post
        {
            Kind = PostKind.Complaint, Title = $"Complaint {Guid.NewGuid():N}", Body = "Written by a desk test.", AuthorId = authorId,
            CreatedAt = createdAt, UpdatedAt = createdAt, IsPublic = false, Mood = mood, OwnerId = ownerId,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(Ct);
        return post.Id;
    }

    private async Task<string> CustomerSinceAsync(DateTime since)
    {
        var id = (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!;
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, since), Ct);
        return id;
    }

    private async Task<DateTime?> EscalatedAtAsync(int id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Posts.Where(p => p.Id == id).Select(p => p.EscalatedAt).SingleAsync(Ct);
    }
}

public sealed class SqliteStaffDeskTests(PortalFactory portal) : StaffDeskTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresStaffDeskTests(PostgresPortalFactory portal) : StaffDeskTests(portal), IClassFixture<PostgresPortalFactory>;
