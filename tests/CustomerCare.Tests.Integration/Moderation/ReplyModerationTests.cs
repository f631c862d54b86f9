using System.Text.Json;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;

namespace CustomerCare.Tests.Integration.Moderation;

/// <summary>
/// Staff hide a reply with a reason and restore it, audited; customers then get the reason in its place and never
/// its body, neither from the thread's read nor from any event on the post's public topic.
/// </summary>
public abstract class ReplyModerationTests(PortalFactory portal) : IDisposable
{
    private const string Spam = "Cheap meters at http://spam.example — call 0171 2345678!";

    private readonly ModerationScene scene = new(portal);

    private static CancellationToken Ct => ModerationScene.Ct;

    private ReplyModerationService Replies => scene.Get<ReplyModerationService>();

    public static TheoryData<string, string, bool> Matrix()
    {
        var rows = new TheoryData<string, string, bool>();
        foreach (var action in new[] { "hide", "restore" })
        {
            rows.Add(action, "visitor", false);
            rows.Add(action, "customer", false);
            rows.Add(action, "author", false);
            rows.Add(action, Roles.Staff, true);
            rows.Add(action, Roles.ProductOwner, true);
            rows.Add(action, Roles.Admin, true);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_people_who_work_here_hide_and_restore_replies(string action, string who, bool allowed)
    {
        var author = await scene.PersonAsync(Roles.Customer);
        var ideaId = await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer));
        var reply = await scene.ReplyAsync(ideaId, author, Spam);
        if (action == "restore")
        {
            Assert.True((await Replies.HideAsync(reply.Id, "Spam.", (await scene.PersonAsync(Roles.Admin)).Viewer, Ct)).Succeeded);
        }

        var viewer = await scene.WhoAsync(who, author);
        var before = (await scene.ReplyRowAsync(reply.Id), (await scene.AuditAsync(ideaId)).Count);
        var events = scene.Listen(ideaId);

        var result = action == "hide"
            ? await Replies.HideAsync(reply.Id, "Advertising.", viewer, Ct)
            : await Replies.RestoreAsync(reply.Id, "Was fine.", viewer, Ct);

        Assert.Equal(allowed ? ModerationOutcome.Done : ModerationOutcome.NotAllowed, result.Outcome);
        var row = await scene.ReplyRowAsync(reply.Id);
        var audit = await scene.AuditAsync(ideaId);
        if (allowed)
        {
            Assert.Equal(action == "hide", row.HiddenAt is not null);
            var entry = audit[^1];
            Assert.Equal((action == "hide" ? AuditAction.Hidden : AuditAction.Restored, reply.Id, viewer.UserId), (entry.Action, entry.ReplyId, entry.ActorId));
            Assert.Equal(action == "hide" ? "Advertising." : "Was fine.", entry.Reason);
            Assert.Contains(events, e => e is ReplyHidden or ReplyRestored);
        }
        else
        {
            Assert.Equal((before.Item1.HiddenAt, before.Item1.HiddenReason, before.Item2), (row.HiddenAt, row.HiddenReason, audit.Count));
            Assert.Empty(events);
        }
    }

    [Fact]
    public async Task A_hidden_reply_reaches_customers_as_the_reason_and_staff_with_its_text_and_its_event_carries_no_body()
    {
        var author = await scene.PersonAsync(Roles.Customer);
        var staff = await scene.PersonAsync(Roles.Staff);
        var customer = await scene.PersonAsync(Roles.Customer);
        var ideaId = await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer));
        var reply = await scene.ReplyAsync(ideaId, author, Spam);
        var events = scene.Listen(ideaId);

        Assert.True((await Replies.HideAsync(reply.Id, "  Advertising.  ", staff.Viewer, Ct)).Succeeded);

        foreach (var viewer in new[] { customer.Viewer, author.Viewer, Viewer.Anonymous })
        {
            var shown = Assert.Single((await scene.ReadAsync(ideaId, viewer))!.Replies, r => r.Id == reply.Id);
            Assert.Equal(("", "Advertising."), (shown.Body, shown.Hidden?.Reason));
        }

        var staffView = Assert.Single((await scene.ReadAsync(ideaId, staff.Viewer))!.Replies, r => r.Id == reply.Id);
        Assert.Equal((Spam, "Advertising."), (staffView.Body, staffView.Hidden?.Reason));
        var hidden = Assert.IsType<ReplyHidden>(Assert.Single(events, e => e.Topic == LiveTopics.Post(ideaId)));
        Assert.Equal((reply.Id, "Advertising."), (hidden.ReplyId, hidden.Hiding.Reason));
        Assert.All(events, e => Assert.DoesNotContain("spam.example", LiveEventSerializer.Serialize(new LiveMessage("test", e)), StringComparison.Ordinal));
        Assert.Equal(ThreadOutcome.NotAllowed, (await scene.Get<ThreadService>().EditAsync(reply.Id, "Changed my mind.", author.Viewer, Ct)).Outcome);

        Assert.True((await Replies.RestoreAsync(reply.Id, null, staff.Viewer, Ct)).Succeeded);

        var restored = Assert.Single(events.OfType<ReplyRestored>());
        Assert.Equal((LiveTopics.Post(ideaId), Spam, null), (restored.Topic, restored.Reply.Body, restored.Reply.Hidden));
        Assert.Equal(Spam, Assert.Single((await scene.ReadAsync(ideaId, customer.Viewer))!.Replies, r => r.Id == reply.Id).Body);
        Assert.Equal(ModerationOutcome.Unchanged, (await Replies.RestoreAsync(reply.Id, null, staff.Viewer, Ct)).Outcome);
    }

    [Fact]
    public async Task Hiding_closes_the_replys_open_reports_as_hidden_and_leaves_the_others_open()
    {
        var author = await scene.PersonAsync(Roles.Customer);
        var staff = await scene.PersonAsync(Roles.Staff);
        var ideaId = await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer));
        var spam = await scene.ReplyAsync(ideaId, author, Spam);
        var fine = await scene.ReplyAsync(ideaId, author);
        var reports = scene.Get<ReportService>();
        foreach (var target in new long?[] { spam.Id, fine.Id, null })
        {
            var reporter = await scene.PersonAsync(Roles.Customer);
            Assert.True((await reports.ReportAsync(new(ideaId, target, ReportReason.Spam, null), reporter.Viewer, Ct)).Succeeded);
        }

        Assert.True((await Replies.HideAsync(spam.Id, "Advertising.", staff.Viewer, Ct)).Succeeded);

        var rows = await scene.ReportsAsync(ideaId);
        Assert.Equal(
            [(spam.Id, ReportResolution.Hidden), (fine.Id, null), (null, null)],
            rows.Select(r => (r.ReplyId, r.Resolution)));
        var queue = await scene.Get<ModerationQueueService>().ListAsync(staff.Viewer, Ct);
        Assert.DoesNotContain(queue.Reported, i => i.Target.ReplyId == spam.Id);
        Assert.Contains(queue.Reported, i => i.Target.ReplyId == fine.Id);
    }

    [Fact]
    public async Task Removing_a_post_closes_the_open_reports_of_the_post_and_its_replies()
    {
        var author = await scene.PersonAsync(Roles.Customer);
        var staff = await scene.PersonAsync(Roles.Staff);
        var ideaId = await scene.IdeaAsync(author);
        var reply = await scene.ReplyAsync(ideaId, await scene.PersonAsync(Roles.Customer));
        var reports = scene.Get<ReportService>();
        await reports.ReportAsync(new(ideaId, null, ReportReason.Spam, null), (await scene.PersonAsync(Roles.Customer)).Viewer, Ct);
        await reports.ReportAsync(new(ideaId, reply.Id, ReportReason.OffTopic, null), (await scene.PersonAsync(Roles.Customer)).Viewer, Ct);

        Assert.True((await scene.Get<ModerationService>().RemoveAsync(ideaId, "Spam.", staff.Viewer, Ct)).Succeeded);

        Assert.All(await scene.ReportsAsync(ideaId), r => Assert.Equal((ReportResolution.Hidden, staff.Id), (r.Resolution, r.ResolvedById)));
    }

    [Fact]
    public async Task Hiding_the_official_answer_unpins_it_and_a_hidden_reply_cannot_be_pinned()
    {
        var staff = await scene.PersonAsync(Roles.Staff);
        var ideaId = await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer));
        var answer = await scene.ReplyAsync(ideaId, staff, "We ship it in May.");
        var official = scene.Get<OfficialAnswerService>();
        Assert.True((await official.PinAsync(ideaId, answer.Id, staff.Viewer, Ct)).Succeeded);
        var events = scene.Listen(ideaId);

        Assert.True((await Replies.HideAsync(answer.Id, "Wrong date.", staff.Viewer, Ct)).Succeeded);

        Assert.Null((await scene.ReadAsync(ideaId, staff.Viewer))!.OfficialAnswerId);
        Assert.Contains(events, e => e is OfficialAnswerChanged { ReplyId: null });
        Assert.Equal(OfficialAnswerOutcome.NotFound, (await official.PinAsync(ideaId, answer.Id, staff.Viewer, Ct)).Outcome);
    }

    [Fact]
    public async Task A_hidden_internal_note_stays_on_the_staff_topic()
    {
        var staff = await scene.PersonAsync(Roles.Staff);
        var ideaId = await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer));
        var note = await scene.ReplyAsync(ideaId, staff, "Internal: ask billing.", internalNote: true);
        var events = scene.Listen(ideaId);

        Assert.True((await Replies.HideAsync(note.Id, "Wrong thread.", staff.Viewer, Ct)).Succeeded);

        Assert.Equal(LiveTopics.PostStaff(ideaId), Assert.IsType<ReplyHidden>(Assert.Single(events, e => e is ReplyHidden)).Topic);
        Assert.DoesNotContain(events, e => e.Topic == LiveTopics.Post(ideaId));
    }

    [Theory]
    [InlineData(null, ModerationOutcome.ReasonRequired)]
    [InlineData(" ", ModerationOutcome.ReasonRequired)]
    [InlineData("long", ModerationOutcome.ReasonTooLong)]
    public async Task Hiding_needs_a_reason_that_fits(string? reason, ModerationOutcome expected)
    {
        var staff = await scene.PersonAsync(Roles.Staff);
        var ideaId = await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer));
        var reply = await scene.ReplyAsync(ideaId, await scene.PersonAsync(Roles.Customer));

        var result = await Replies.HideAsync(reply.Id, reason == "long" ? new string('r', Reply.HiddenReasonMaxLength + 1) : reason!, staff.Viewer, Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Null((await scene.ReplyRowAsync(reply.Id)).HiddenAt);
        Assert.Empty(await scene.AuditAsync(ideaId));
    }

    public void Dispose()
    {
        scene.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteReplyModerationTests(EmptyPortalFactory portal) : ReplyModerationTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresReplyModerationTests(EmptyPostgresPortalFactory portal) : ReplyModerationTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
