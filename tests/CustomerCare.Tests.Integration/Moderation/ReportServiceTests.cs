using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Moderation;

/// <summary>
/// Who may report what, once, and what the queue shows of it: every refusal leaves the reports and the queue as they
/// were, and the queue never names a reporter.
/// </summary>
public abstract class ReportServiceTests(PortalFactory portal) : IDisposable
{
    private readonly ModerationScene scene = new(portal);

    private static CancellationToken Ct => ModerationScene.Ct;

    private ReportService Reports => scene.Get<ReportService>();

    public static TheoryData<string, string, ReportOutcome> Matrix()
    {
        var rows = new TheoryData<string, string, ReportOutcome>();
        foreach (var target in new[] { "idea", "reply", "complaint", "complaint reply" })
        {
            var isPrivate = target.StartsWith("complaint", StringComparison.Ordinal);
            rows.Add(target, "visitor", ReportOutcome.SignInRequired);
            rows.Add(target, "customer", isPrivate ? ReportOutcome.NotFound : ReportOutcome.Reported);
            rows.Add(target, "author", ReportOutcome.OwnContent);
            rows.Add(target, Roles.Staff, ReportOutcome.Reported);
            rows.Add(target, Roles.ProductOwner, ReportOutcome.Reported);
            rows.Add(target, Roles.Admin, ReportOutcome.Reported);
        }

        return rows;
    }

    /// <summary>
    /// "author" wrote the target: the idea or the private complaint, or the reply (on an idea by someone else; on their
    /// own complaint, the customer's reply). Another customer cannot see a private complaint and gets "not found".
    /// </summary>
    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_people_who_see_it_and_did_not_write_it_report_it(string target, string who, ReportOutcome expected)
    {
        var author = await scene.PersonAsync(Roles.Customer);
        var (postId, replyId) = target switch
        {
            "idea" => (await scene.IdeaAsync(author), (long?)null),
            "complaint" => (await scene.ComplaintAsync(author), null),
            "reply" => await WithReplyAsync(await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer)), author),
            _ => await WithReplyAsync(await scene.ComplaintAsync(author), author),
        };
        var viewer = await scene.WhoAsync(who, author);
        var events = scene.Listen(postId);

        var result = await Reports.ReportAsync(new ReportInput(postId, replyId, ReportReason.Abusive, "Rude."), viewer, Ct);

        Assert.Equal(expected, result.Outcome);
        var reports = await scene.ReportsAsync(postId);
        if (expected == ReportOutcome.Reported)
        {
            var report = Assert.Single(reports);
            Assert.Equal((replyId, viewer.UserId, ReportReason.Abusive, "Rude."), (report.ReplyId, report.ReporterId, report.Reason, report.Note));
            var filed = Assert.IsType<ReportFiled>(Assert.Single(events));
            Assert.Equal((LiveTopics.Moderation, postId, replyId), (filed.Topic, filed.PostId, filed.ReplyId));
        }
        else
        {
            Assert.Empty(reports);
            Assert.Empty(events);
        }
    }

    [Theory]
    [InlineData("internal note")]
    [InlineData("hidden reply")]
    [InlineData("waiting reply")]
    [InlineData("removed post")]
    [InlineData("reply of another post")]
    [InlineData("no such post")]
    public async Task Nobody_reports_what_they_cannot_see(string what)
    {
        var author = await scene.PersonAsync(Roles.Customer);
        var staff = await scene.PersonAsync(Roles.Staff);
        var ideaId = await scene.IdeaAsync(author);
        var customer = await scene.PersonAsync(Roles.Customer);
        long? replyId = null;
        var postId = ideaId;
        switch (what)
        {
            case "internal note":
                replyId = (await scene.ReplyAsync(ideaId, staff, internalNote: true)).Id;
                break;
            case "hidden reply":
                replyId = (await scene.ReplyAsync(ideaId, author)).Id;
                Assert.True((await scene.Get<ReplyModerationService>().HideAsync(replyId.Value, "Spam.", staff.Viewer, Ct)).Succeeded);
                break;
            case "waiting reply":
                var newcomer = await scene.NewCustomerAsync();
                replyId = (await scene.ReplyAsync(ideaId, newcomer, "See http://a.example http://b.example http://c.example")).Id;
                Assert.True((await scene.ReplyRowAsync(replyId.Value)).HeldAt is not null);
                break;
            case "removed post":
                Assert.True((await scene.Get<ModerationService>().RemoveAsync(ideaId, "Spam.", staff.Viewer, Ct)).Succeeded);
                break;
            case "reply of another post":
                replyId = (await scene.ReplyAsync(await scene.IdeaAsync(author), author)).Id;
                break;
            default:
                postId = int.MaxValue;
                break;
        }

        var result = await Reports.ReportAsync(new ReportInput(postId, replyId, ReportReason.Spam, null), customer.Viewer, Ct);

        Assert.Equal(ReportOutcome.NotFound, result.Outcome);
        Assert.Empty(await scene.ReportsAsync(postId));
    }

    [Fact]
    public async Task A_new_account_reporting_beyond_its_limit_is_told_to_wait_and_each_report_is_in_the_security_log()
    {
        var newcomer = await scene.NewCustomerAsync();
        var author = await scene.PersonAsync(Roles.Customer);
        var limit = scene.Get<Microsoft.Extensions.Options.IOptionsMonitor<RateLimitOptions>>().CurrentValue.Reports.NewAccount;
        var reports = scene.Get<ReportService>();
        for (var i = 0; i < limit; i++)
        {
            Assert.True((await reports.ReportAsync(new(await scene.IdeaAsync(author), null, ReportReason.Spam, null), newcomer.Viewer, Ct)).Succeeded);
        }

        var target = await scene.IdeaAsync(author);
        var refused = await reports.ReportAsync(new(target, null, ReportReason.Spam, null), newcomer.Viewer, Ct);

        Assert.Equal(ReportOutcome.LimitReached, refused.Outcome);
        Assert.InRange(refused.WaitMinutes, 1, 60);
        Assert.Empty(await scene.ReportsAsync(target));
        await using var db = await scene.Dbs.CreateDbContextAsync(Ct);
        Assert.Equal(limit, await db.SecurityEvents.CountAsync(e => e.UserId == newcomer.Id && e.Kind == SecurityEventKind.PostReported, Ct));
    }

    [Fact]
    public async Task A_second_open_report_of_the_same_target_is_refused_until_staff_dismiss_the_first()
    {
        var (ideaId, replyId) = await WithReplyAsync(await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer)), await scene.PersonAsync(Roles.Customer));
        var reporter = await scene.PersonAsync(Roles.Customer);
        var staff = await scene.PersonAsync(Roles.Staff);
        Assert.Equal(ReportOutcome.Reported, (await Reports.ReportAsync(new(ideaId, replyId, ReportReason.Spam, null), reporter.Viewer, Ct)).Outcome);
        Assert.Equal(ReportOutcome.Reported, (await Reports.ReportAsync(new(ideaId, null, ReportReason.OffTopic, null), reporter.Viewer, Ct)).Outcome);

        var again = await Reports.ReportAsync(new(ideaId, replyId, ReportReason.Abusive, "Still there."), reporter.Viewer, Ct);

        Assert.Equal(ReportOutcome.AlreadyReported, again.Outcome);
        Assert.Equal("Report_AlreadyReported", again.MessageKey);
        Assert.Equal(2, (await scene.ReportsAsync(ideaId)).Count);
        Assert.Equal(ReportOutcome.Dismissed, (await Reports.DismissAsync(ideaId, replyId, staff.Viewer, Ct)).Outcome);
        var reports = await scene.ReportsAsync(ideaId);
        Assert.Equal(
            [(replyId, ReportResolution.Dismissed, staff.Id), ((long?)null, (ReportResolution?)null, (string?)null)],
            reports.Select(r => (r.ReplyId, r.Resolution, r.ResolvedById)));
        Assert.Equal(ReportOutcome.Reported, (await Reports.ReportAsync(new(ideaId, replyId, ReportReason.Abusive, null), reporter.Viewer, Ct)).Outcome);
    }

    [Fact]
    public async Task Two_reports_sent_at_once_leave_one_open_report()
    {
        var ideaId = await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer));
        var reporter = await scene.PersonAsync(Roles.Customer);

        var results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Reports.ReportAsync(new(ideaId, null, ReportReason.Spam, null), reporter.Viewer, Ct)));

        Assert.Single(results, r => r.Outcome == ReportOutcome.Reported);
        Assert.All(results.Where(r => r.Outcome != ReportOutcome.Reported), r => Assert.Equal(ReportOutcome.AlreadyReported, r.Outcome));
        Assert.Single(await scene.ReportsAsync(ideaId));
    }

    [Theory]
    [InlineData(ReportReason.Other, null, ReportOutcome.NoteRequired)]
    [InlineData(ReportReason.Other, "   ", ReportOutcome.NoteRequired)]
    [InlineData(ReportReason.Spam, "long", ReportOutcome.NoteTooLong)]
    [InlineData(ReportReason.Other, "It repeats my invoice number.", ReportOutcome.Reported)]
    [InlineData(ReportReason.PersonalData, null, ReportOutcome.Reported)]
    public async Task Other_needs_the_note_and_a_note_fits_five_hundred_characters(ReportReason reason, string? note, ReportOutcome expected)
    {
        var ideaId = await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer));
        var reporter = await scene.PersonAsync(Roles.Customer);
        note = note == "long" ? new string('n', Report.NoteMaxLength + 1) : note;

        var result = await Reports.ReportAsync(new(ideaId, null, reason, note), reporter.Viewer, Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(expected == ReportOutcome.Reported ? 1 : 0, (await scene.ReportsAsync(ideaId)).Count);
    }

    [Fact]
    public async Task The_queue_groups_a_targets_reports_with_reasons_counts_notes_and_times_and_names_no_reporter()
    {
        var author = await scene.PersonAsync(Roles.Customer);
        var (ideaId, replyId) = await WithReplyAsync(await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer)), author);
        var reporters = new[] { await scene.PersonAsync(Roles.Customer), await scene.PersonAsync(Roles.Customer), await scene.PersonAsync(Roles.Staff) };
        var staff = await scene.PersonAsync(Roles.Staff);
        await Reports.ReportAsync(new(ideaId, replyId, ReportReason.Abusive, "Insults my neighbour."), reporters[0].Viewer, Ct);
        await Reports.ReportAsync(new(ideaId, replyId, ReportReason.Abusive, null), reporters[1].Viewer, Ct);
        await Reports.ReportAsync(new(ideaId, replyId, ReportReason.PersonalData, "Shows a phone number."), reporters[2].Viewer, Ct);

        var queue = await scene.Get<ModerationQueueService>().ListAsync(staff.Viewer, Ct);

        var item = Assert.Single(queue.Reported, i => i.Target.ReplyId == replyId);
        Assert.Equal((ideaId, author.Id, author.DisplayName, 3), (item.Target.PostId, item.Target.Author.Id, item.Target.Author.DisplayName, item.Count));
        Assert.Equal([new ReasonCount(ReportReason.Abusive, 2), new ReasonCount(ReportReason.PersonalData, 1)], item.Reasons);
        Assert.Equal(["Insults my neighbour.", "Shows a phone number."], item.Notes);
        Assert.True(item.FirstAt <= item.LastAt);
        Assert.True(item.Target.MayBlockAuthor);
        var everything = System.Text.Json.JsonSerializer.Serialize(queue);
        Assert.All(reporters, r => Assert.DoesNotContain(r.Id, everything, StringComparison.Ordinal));
        Assert.All(reporters, r => Assert.DoesNotContain(r.DisplayName, everything, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("visitor", ReportOutcome.NotAllowed)]
    [InlineData("customer", ReportOutcome.NotAllowed)]
    [InlineData("author", ReportOutcome.NotAllowed)]
    [InlineData(Roles.Staff, ReportOutcome.Dismissed)]
    [InlineData(Roles.ProductOwner, ReportOutcome.Dismissed)]
    [InlineData(Roles.Admin, ReportOutcome.Dismissed)]
    public async Task Only_people_who_work_here_dismiss_reports_or_open_the_queue(string who, ReportOutcome expected)
    {
        var author = await scene.PersonAsync(Roles.Customer);
        var ideaId = await scene.IdeaAsync(author);
        await Reports.ReportAsync(new(ideaId, null, ReportReason.Spam, null), (await scene.PersonAsync(Roles.Customer)).Viewer, Ct);
        var viewer = await scene.WhoAsync(who, author);
        var events = scene.Listen(ideaId);

        var result = await Reports.DismissAsync(ideaId, null, viewer, Ct);

        Assert.Equal(expected, result.Outcome);
        var report = Assert.Single(await scene.ReportsAsync(ideaId));
        if (expected == ReportOutcome.Dismissed)
        {
            Assert.Equal((ReportResolution.Dismissed, viewer.UserId), (report.Resolution, report.ResolvedById));
            Assert.Null(report.OpenKey);
            Assert.IsType<ModerationDecided>(Assert.Single(events));
            Assert.DoesNotContain((await scene.Get<ModerationQueueService>().ListAsync(viewer, Ct)).Reported, i => i.Target.PostId == ideaId);
            Assert.Equal(ReportOutcome.Unchanged, (await Reports.DismissAsync(ideaId, null, viewer, Ct)).Outcome);
        }
        else
        {
            Assert.Null(report.ResolvedAt);
            Assert.NotNull(report.OpenKey);
            Assert.Empty(events);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scene.Get<ModerationQueueService>().ListAsync(viewer, Ct));
        }
    }

    public void Dispose()
    {
        scene.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<(int PostId, long? ReplyId)> WithReplyAsync(int postId, TestPerson author) =>
        (postId, (await scene.ReplyAsync(postId, author)).Id);
}

public sealed class SqliteReportServiceTests(EmptyPortalFactory portal) : ReportServiceTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresReportServiceTests(EmptyPostgresPortalFactory portal) : ReportServiceTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
