using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Moderation;

/// <summary>
/// Who may block whom, and what a block means: refused everywhere with the reason, except in one's own complaint's
/// thread; nothing written by a refused act.
/// </summary>
public abstract class BlockTests(PortalFactory portal) : IDisposable
{
    private const string Reason = "Repeated insults towards other customers.";

    private readonly ModerationScene scene = new(portal);

    private static CancellationToken Ct => ModerationScene.Ct;

    private BlockService Blocks => scene.Get<BlockService>();

    public static TheoryData<string, string, bool> Matrix()
    {
        var rows = new TheoryData<string, string, bool>();
        foreach (var target in new[] { Roles.Customer, Roles.Staff, Roles.ProductOwner, Roles.Admin, "themselves" })
        {
            rows.Add("visitor", target, false);
            rows.Add("customer", target, false);
            rows.Add(Roles.Staff, target, target == Roles.Customer);
            rows.Add(Roles.ProductOwner, target, target == Roles.Customer);
            rows.Add(Roles.Admin, target, target != "themselves");
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Staff_block_customers_and_admins_block_anyone_but_themselves(string who, string target, bool allowed)
    {
        var asker = who == "visitor" ? null : await scene.PersonAsync(who == "customer" ? Roles.Customer : who);
        var blocked = target == "themselves" ? asker ?? await scene.PersonAsync(Roles.Customer) : await scene.PersonAsync(target);
        var viewer = asker?.Viewer ?? Viewer.Anonymous;
        var events = scene.Listen(0);

        var result = await Blocks.BlockAsync(blocked.Id, Reason, viewer, Ct);

        Assert.Equal(allowed ? ModerationOutcome.Done : ModerationOutcome.NotAllowed, result.Outcome);
        var row = await scene.PersonRowAsync(blocked.Id);
        if (allowed)
        {
            Assert.Equal((viewer.UserId, Reason), (row.BlockedById, row.BlockReason));
            var published = Assert.IsType<PersonBlocked>(Assert.Single(events));
            Assert.Equal((LiveTopics.Moderation, blocked.Id, Reason), (published.Topic, published.UserId, published.Reason));
            Assert.Equal(ModerationOutcome.Unchanged, (await Blocks.BlockAsync(blocked.Id, Reason, viewer, Ct)).Outcome);
            Assert.Equal(ModerationOutcome.Done, (await Blocks.UnblockAsync(blocked.Id, viewer, Ct)).Outcome);
            Assert.Null((await scene.PersonRowAsync(blocked.Id)).BlockedAt);
        }
        else
        {
            Assert.Equal((null, null, null), (row.BlockedAt, row.BlockedById, row.BlockReason));
            Assert.Empty(events);
            Assert.Equal(ModerationOutcome.NotAllowed, (await Blocks.UnblockAsync(blocked.Id, viewer, Ct)).Outcome);
        }
    }

    [Fact]
    public async Task A_blocked_person_is_refused_everywhere_with_the_reason_and_nothing_is_written()
    {
        var (person, idea, staff) = await BlockedCustomerAsync();
        var othersComplaint = await scene.ComplaintAsync(await scene.PersonAsync(Roles.Customer), isPublic: true);
        var before = await CountsAsync(person.Id);

        var proposed = await scene.Get<IdeaService>().ProposeAsync(new ProposeIdea("Spam the board please", "Buy now.", null), person.Viewer, Ct);
        var filed = await scene.Get<ComplaintService>().FileAsync(
            new FileComplaint("My meter is broken", "Please come.", ComplaintMood.Angry, null, false), person.Viewer, Ct);
        var replied = await scene.Get<ThreadService>().ReplyAsync(idea, null, "Buy now!", internalNote: false, person.Viewer, Ct);
        var repliedElsewhere = await scene.Get<ThreadService>().ReplyAsync(othersComplaint, null, "Me too!", internalNote: false, person.Viewer, Ct);
        var voted = await scene.Get<VoteService>().ToggleAsync(idea, person.Viewer, Ct);
        var reported = await scene.Get<ReportService>().ReportAsync(new(idea, null, ReportReason.Spam, null), person.Viewer, Ct);

        Assert.Equal((ProposeOutcome.Blocked, Reason), (proposed.Outcome, proposed.Block?.Reason));
        Assert.Equal((ProposeOutcome.Blocked, Reason), (filed.Outcome, filed.Block?.Reason));
        Assert.Equal((ThreadOutcome.Blocked, Reason, PostingBlock.MessageKey), (replied.Outcome, replied.Block?.Reason, replied.MessageKey));
        Assert.Equal((ThreadOutcome.Blocked, Reason), (repliedElsewhere.Outcome, repliedElsewhere.Block?.Reason));
        Assert.Equal((VoteOutcome.Blocked, Reason), (voted.Outcome, voted.Block?.Reason));
        Assert.Equal((ReportOutcome.Blocked, Reason, PostingBlock.MessageKey), (reported.Outcome, reported.Block?.Reason, reported.MessageKey));
        Assert.Equal(before, await CountsAsync(person.Id));

        Assert.True((await Blocks.UnblockAsync(person.Id, staff.Viewer, Ct)).Succeeded);

        Assert.Equal(VoteOutcome.Voted, (await scene.Get<VoteService>().ToggleAsync(idea, person.Viewer, Ct)).Outcome);
        Assert.Equal(ThreadOutcome.Posted, (await scene.Get<ThreadService>().ReplyAsync(idea, null, "Sorry.", internalNote: false, person.Viewer, Ct)).Outcome);
    }

    [Fact]
    public async Task A_blocked_customer_still_answers_in_their_own_complaint()
    {
        var person = await scene.PersonAsync(Roles.Customer);
        var complaint = await scene.ComplaintAsync(person);
        var staff = await scene.PersonAsync(Roles.Staff);
        Assert.True((await Blocks.BlockAsync(person.Id, Reason, staff.Viewer, Ct)).Succeeded);

        var reply = await scene.Get<ThreadService>().ReplyAsync(complaint, null, "My meter is still broken.", internalNote: false, person.Viewer, Ct);

        Assert.Equal(ThreadOutcome.Posted, reply.Outcome);
        Assert.False(reply.Reply!.IsHeld);
        Assert.Contains((await scene.ReadAsync(complaint, staff.Viewer))!.Replies, r => r.Id == reply.Reply.Id);
    }

    [Fact]
    public async Task A_block_holds_from_the_next_act_and_the_queue_lists_who_is_blocked_by_whom_and_why()
    {
        var (person, _, staff) = await BlockedCustomerAsync();
        var admin = await scene.PersonAsync(Roles.Admin);

        var queue = await scene.Get<ModerationQueueService>().ListAsync(staff.Viewer, Ct);

        var listed = Assert.Single(queue.Blocked, b => b.Person.Id == person.Id);
        Assert.Equal((staff.DisplayName, Reason, true), (listed.ByName, listed.Reason, listed.MayUnblock));
        var adminsView = await scene.Get<ModerationQueueService>().ListAsync(admin.Viewer, Ct);
        Assert.True(Assert.Single(adminsView.Blocked, b => b.Person.Id == person.Id).MayUnblock);
    }

    [Theory]
    [InlineData(null, ModerationOutcome.ReasonRequired)]
    [InlineData("  ", ModerationOutcome.ReasonRequired)]
    [InlineData("long", ModerationOutcome.ReasonTooLong)]
    public async Task Blocking_needs_a_reason_that_fits(string? reason, ModerationOutcome expected)
    {
        var person = await scene.PersonAsync(Roles.Customer);
        var staff = await scene.PersonAsync(Roles.Staff);

        var result = await Blocks.BlockAsync(person.Id, reason == "long" ? new string('r', CareUser.BlockReasonMaxLength + 1) : reason!, staff.Viewer, Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Null((await scene.PersonRowAsync(person.Id)).BlockedAt);
    }

    public void Dispose()
    {
        scene.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<(TestPerson Person, int IdeaId, TestPerson Staff)> BlockedCustomerAsync()
    {
        var person = await scene.PersonAsync(Roles.Customer);
        var idea = await scene.IdeaAsync(await scene.PersonAsync(Roles.Customer));
        var staff = await scene.PersonAsync(Roles.Staff);
        Assert.True((await Blocks.BlockAsync(person.Id, $"  {Reason} ", staff.Viewer, Ct)).Succeeded);
        return (person, idea, staff);
    }

    [Fact]
    public async Task A_block_ends_the_persons_sessions_at_once_and_is_in_the_security_log_with_who_and_why()
    {
        var person = await scene.PersonAsync(Roles.Customer);
        var staff = await scene.PersonAsync(Roles.Staff);
        var stampBefore = (await scene.PersonRowAsync(person.Id)).SecurityStamp;
        using var recorder = new LiveEventRecorder(scene.Get<ILiveBus>());
        var toPerson = recorder.ListenTo(LiveTopics.User(person.Id));

        Assert.True((await Blocks.BlockAsync(person.Id, Reason, staff.Viewer, Ct)).Succeeded);
        Assert.True((await Blocks.UnblockAsync(person.Id, staff.Viewer, Ct)).Succeeded);

        // A new stamp refuses every cookie issued before; the event makes open pages and hub connections let go now.
        Assert.NotEqual(stampBefore, (await scene.PersonRowAsync(person.Id)).SecurityStamp);
        Assert.Contains(toPerson, e => e is AccessChanged { Reason: AccessChangeReason.Blocked } changed && changed.UserId == person.Id);
        await using var db = await scene.Dbs.CreateDbContextAsync(Ct);
        var logged = await db.SecurityEvents.Where(e => e.UserId == person.Id).OrderBy(e => e.Id)
            .Select(e => new { e.Kind, e.ActorId, e.Detail }).ToListAsync(Ct);
        Assert.Equal(
            [(SecurityEventKind.PersonBlocked, staff.Id, (string?)Reason), (SecurityEventKind.PersonUnblocked, staff.Id, (string?)null)],
            logged.Select(e => (e.Kind, e.ActorId!, e.Detail)));
    }

    private async Task<(int Posts, int Replies, int Votes, int Reports)> CountsAsync(string userId)
    {
        await using var db = await scene.Dbs.CreateDbContextAsync(Ct);
        return (
            await db.Posts.CountAsync(p => p.AuthorId == userId, Ct),
            await db.Replies.CountAsync(r => r.AuthorId == userId, Ct),
            await db.Votes.CountAsync(v => v.UserId == userId, Ct),
            await db.Reports.CountAsync(r => r.ReporterId == userId, Ct));
    }
}

public sealed class SqliteBlockTests(EmptyPortalFactory portal) : BlockTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresBlockTests(EmptyPostgresPortalFactory portal) : BlockTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
