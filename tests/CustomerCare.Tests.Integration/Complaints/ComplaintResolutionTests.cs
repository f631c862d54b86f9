using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Staff;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static CustomerCare.Tests.Support.ResponseClockTesting;

namespace CustomerCare.Tests.Integration.Complaints;

/// <summary>
/// The end of a complaint: the owner proposes, only the customer confirms (and rates once) or reopens, and staff close only
/// after the configured silence. Every refusal changes nothing. Complaints are dated March 2027 on a clock the test sets.
/// </summary>
public abstract class ComplaintResolutionTests(PortalFactory portal) : IDisposable
{
    private static readonly TimeSpan Silence = new ResponseOptions().AutoCloseAfter;

    private readonly TestContent content = new(portal);
    private readonly ManualTime time = new(Utc("2027-03-08 09:00"));
    private readonly LiveEventRecorder recorder = new(portal.Services.GetRequiredService<ILiveBus>());

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private ILiveBus Bus => portal.Services.GetRequiredService<ILiveBus>();

    private NotificationService Notifications => portal.Services.GetRequiredService<NotificationService>();

    private ActivityLimits Limits => new(portal.Services.GetRequiredService<IOptionsMonitor<RateLimitOptions>>(), time);

    private PostingRights Rights => portal.Services.GetRequiredService<PostingRights>();

    private ThreadService Threads => new(Dbs, Bus, time, Notifications,
        [new ComplaintReplies(Bus, Clock(time: time), portal.Services.GetRequiredService<CareMetrics>())], Limits, Rights, Webhooks,
        portal.Services.GetRequiredService<CustomerCare.Web.Features.Mentions.MentionNotifier>(),
        portal.Services.GetRequiredService<CustomerCare.Web.Features.Pictures.PictureAttachments>());

    private ComplaintService Complaints =>
        new(Dbs, Bus, time, portal.Services.GetRequiredService<MarkdownRenderer>(), Options.Create(new ResponseOptions()), Limits, Rights, Webhooks, portal.Services.GetRequiredService<CareMetrics>(),
            portal.Services.GetRequiredService<CustomerCare.Web.Features.Pictures.PictureAttachments>());

    private ComplaintOwnershipService Ownership => new(Dbs, Bus, time, Notifications);

    private ComplaintResolutionService Resolutions =>
        new(Dbs, Bus, time, Threads, Options.Create(new ResponseOptions()), Notifications, Webhooks, portal.Services.GetRequiredService<CareMetrics>());

    private CustomerCare.Web.Features.Webhooks.WebhookPublisher Webhooks => portal.Services.GetRequiredService<CustomerCare.Web.Features.Webhooks.WebhookPublisher>();

    private PostService Posts => portal.Services.GetRequiredService<PostService>();

    private StaffDeskService Desk => new(Dbs, Clock(time: time));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("owner", ThreadOutcome.Posted)]
    [InlineData(Roles.Staff, ThreadOutcome.NotOwner)]
    [InlineData(Roles.Admin, ThreadOutcome.NotOwner)]
    [InlineData("author", ThreadOutcome.NotOwner)]
    [InlineData(Roles.Customer, ThreadOutcome.NotFound)]
    [InlineData("anonymous", ThreadOutcome.SignInRequired)]
    public async Task Only_the_owner_proposes_a_resolution_and_others_are_told_to_take_it_over_first(string who, ThreadOutcome expected)
    {
        var (id, customer, owner) = await FileAndClaimAsync(isPublic: false);
        var viewer = who switch
        {
            "owner" => owner,
            "author" => customer,
            "anonymous" => Viewer.Anonymous,
            _ => await content.AddPersonAsync(who, Ct),
        };
        var before = await ReplyRowsAsync(id);
        var onPost = recorder.Listen(id);
        var onDesk = recorder.ListenTo(LiveTopics.Desk);
        Later();

        var result = await Resolutions.ProposeAsync(id, "The refund of 49.90 € went out today.", viewer, Ct);

        Assert.Equal(expected, result.Outcome);
        if (expected != ThreadOutcome.Posted)
        {
            Assert.Equal(before, await ReplyRowsAsync(id));
            Assert.Empty(onPost);
            return;
        }

        Assert.True(result.Reply!.IsResolutionProposal);
        Assert.False(result.Reply.IsInternalNote);
        Assert.Equal((before.Rows + 1, before.Counter + 1), await ReplyRowsAsync(id));
        Assert.True(Assert.IsType<ReplyAdded>(Assert.Single(onPost)).Reply.IsResolutionProposal);
        Assert.Contains(onDesk.OfType<ComplaintActivity>(), a => a.PostId == id && a.Kind == ComplaintActivityKind.StaffReplied);
        var page = (await Posts.GetAsync(id, customer, Ct))!;
        var complaint = (await Complaints.GetDetailsAsync(id, customer, Ct))!;
        Assert.True(page.Replies.Single(r => r.Id == result.Reply.Id).IsResolutionProposal);
        Assert.Equal((result.Reply.Id, "Anna Berger"), (complaint.PendingProposal!.ReplyId, complaint.PendingProposal.ProposerName));
    }

    [Fact]
    public async Task The_customer_confirms_the_proposal_and_the_complaint_leaves_the_desk()
    {
        var (id, customer, owner) = await FileAndClaimAsync();
        var waiting = (await Desk.ListAsync(new(), owner, Ct)).Unanswered;
        Later();
        var proposal = (await Resolutions.ProposeAsync(id, "Refund sent.", owner, Ct)).Reply!;
        Assert.Equal(waiting - 1, (await Desk.ListAsync(new(), owner, Ct)).Unanswered);
        var onPost = recorder.Listen(id);
        var onDesk = recorder.ListenTo(LiveTopics.Desk);
        Later();

        var result = await Resolutions.ConfirmAsync(id, customer, Ct);

        Assert.Equal(ResolutionOutcome.Done, result.Outcome);
        Assert.Equal((PostStatus.Solved, ComplaintOutcome.ConfirmedByCustomer), await StatusAsync(id));
        var page = (await Posts.GetAsync(id, customer, Ct))!;
        var complaint = (await Complaints.GetDetailsAsync(id, customer, Ct))!;
        var line = Assert.Single(page.History);
        Assert.Equal((PostStatus.Open, PostStatus.Solved, "Greta Hansen"), (line.From, line.To, line.ByName));
        Assert.Null(complaint.PendingProposal);
        Assert.Equal(proposal.Id, complaint.AcceptedProposalId);
        var changed = Assert.Single(onPost.OfType<StatusChanged>());
        Assert.Equal((PostStatus.Solved, ComplaintOutcome.ConfirmedByCustomer), (changed.To, changed.Outcome));
        Assert.Contains(onDesk.OfType<ComplaintActivity>(), a => a.PostId == id && a.Kind == ComplaintActivityKind.Solved);
        var desk = await Desk.ListAsync(new(), owner, Ct);
        Assert.DoesNotContain(desk.Rows, r => r.Id == id);
        Assert.Equal(waiting - 1, desk.Unanswered);
    }

    [Fact]
    public async Task The_customer_may_confirm_at_any_time_even_while_waiting_and_the_desk_counts_one_less_unanswered()
    {
        var (id, customer, owner) = await FileAndClaimAsync();
        var before = await Desk.ListAsync(new(), owner, Ct);
        Assert.Contains(before.Rows, r => r.Id == id && r.Waiting);

        Assert.Equal(ResolutionOutcome.Done, (await Resolutions.ConfirmAsync(id, customer, Ct)).Outcome);

        var after = await Desk.ListAsync(new(), owner, Ct);
        Assert.Equal(before.Unanswered - 1, after.Unanswered);
        Assert.DoesNotContain(after.Rows, r => r.Id == id);
    }

    [Theory]
    [InlineData("anonymous", ResolutionOutcome.SignInRequired)]
    [InlineData(Roles.Customer, ResolutionOutcome.NotTheCustomer)]
    [InlineData("owner", ResolutionOutcome.NotTheCustomer)]
    [InlineData(Roles.Staff, ResolutionOutcome.NotTheCustomer)]
    [InlineData(Roles.ProductOwner, ResolutionOutcome.NotTheCustomer)]
    [InlineData(Roles.Admin, ResolutionOutcome.NotTheCustomer)]
    public async Task Nobody_but_the_customer_confirms_rates_or_reopens_and_a_refusal_changes_nothing(string who, ResolutionOutcome expected)
    {
        var (id, _, owner) = await FileAndClaimAsync(isPublic: true);
        var viewer = who switch
        {
            "owner" => owner,
            "anonymous" => Viewer.Anonymous,
            _ => await content.AddPersonAsync(who, Ct),
        };
        var before = await EverythingAsync(id);
        var onPost = recorder.ListenTo(LiveTopics.Post(id), LiveTopics.PostStaff(id));

        Assert.Equal(expected, (await Resolutions.ConfirmAsync(id, viewer, Ct)).Outcome);
        Assert.Equal(expected, (await Resolutions.RateAsync(id, 5, "Great", viewer, Ct)).Outcome);
        Assert.Equal(expected, (await Resolutions.ReopenAsync(id, "Still broken", viewer, Ct)).Outcome);

        Assert.Equal(before, await EverythingAsync(id));
        Assert.Empty(onPost);
    }

    [Fact]
    public async Task Confirming_twice_at_once_writes_one_history_row()
    {
        var (id, customer, _) = await FileAndClaimAsync();

        var results = await Task.WhenAll(
            Task.Run(() => Resolutions.ConfirmAsync(id, customer, Ct), Ct),
            Task.Run(() => Resolutions.ConfirmAsync(id, customer, Ct), Ct));

        Assert.Single(results, r => r.Outcome == ResolutionOutcome.Done);
        Assert.Single(results, r => r.Outcome == ResolutionOutcome.AlreadySolved);
        Assert.Equal(ResolutionOutcome.AlreadySolved, (await Resolutions.ConfirmAsync(id, customer, Ct)).Outcome);
        Assert.Equal(1, await HistoryRowsAsync(id));
    }

    [Fact]
    public async Task A_confirmed_complaint_is_rated_once_within_the_limits_and_staff_read_the_rating()
    {
        var (id, customer, owner) = await FileAndClaimAsync(isPublic: true);
        Assert.Equal(ResolutionOutcome.NotConfirmed, (await Resolutions.RateAsync(id, 4, null, customer, Ct)).Outcome);
        await Resolutions.ConfirmAsync(id, customer, Ct);
        var onStaff = recorder.ListenTo(LiveTopics.PostStaff(id));
        var onPublic = recorder.Listen(id);

        Assert.Equal(ResolutionOutcome.RatingOutOfRange, (await Resolutions.RateAsync(id, Post.RatingMin - 1, null, customer, Ct)).Outcome);
        Assert.Equal(ResolutionOutcome.RatingOutOfRange, (await Resolutions.RateAsync(id, Post.RatingMax + 1, null, customer, Ct)).Outcome);
        var tooLong = new string('x', Post.RatingCommentMaxLength + 1);
        Assert.Equal(ResolutionOutcome.CommentTooLong, (await Resolutions.RateAsync(id, 4, tooLong, customer, Ct)).Outcome);
        Assert.Null((await Complaints.GetDetailsAsync(id, owner, Ct))!.Rating);

        Assert.Equal(ResolutionOutcome.Done, (await Resolutions.RateAsync(id, 4, "  Quick and friendly.  ", customer, Ct)).Outcome);
        Assert.Equal(ResolutionOutcome.AlreadyRated, (await Resolutions.RateAsync(id, 1, "Changed my mind", customer, Ct)).Outcome);

        var seenByStaff = (await Complaints.GetDetailsAsync(id, owner, Ct))!.Rating!;
        Assert.Equal((4, "Quick and friendly."), (seenByStaff.Stars, seenByStaff.Comment));
        Assert.Equal(4, (await Complaints.GetDetailsAsync(id, customer, Ct))!.Rating!.Stars);
        var stranger = await content.AddPersonAsync(Roles.Customer, Ct);
        Assert.Null((await Complaints.GetDetailsAsync(id, stranger, Ct))!.Rating);
        Assert.Equal(4, Assert.IsType<ComplaintRated>(Assert.Single(onStaff)).Rating.Stars);
        Assert.Empty(onPublic);
    }

    [Fact]
    public async Task Not_yet_reopens_a_solved_complaint_with_the_customers_message_and_keeps_the_whole_history()
    {
        var (id, customer, owner) = await FileAndClaimAsync();
        Later();
        var proposal = (await Resolutions.ProposeAsync(id, "Refund sent.", owner, Ct)).Reply!;
        Later();
        await Resolutions.ConfirmAsync(id, customer, Ct);
        await Resolutions.RateAsync(id, 2, null, customer, Ct);
        var onPost = recorder.Listen(id);
        var onDesk = recorder.ListenTo(LiveTopics.Desk);
        Later();

        var result = await Resolutions.ReopenAsync(id, "The refund never arrived.", customer, Ct);

        Assert.Equal(ResolutionOutcome.Done, result.Outcome);
        Assert.Equal((PostStatus.Open, (ComplaintOutcome?)null), await StatusAsync(id));
        var page = (await Posts.GetAsync(id, customer, Ct))!;
        var complaint = (await Complaints.GetDetailsAsync(id, customer, Ct))!;
        Assert.Equal([(PostStatus.Open, PostStatus.Solved), (PostStatus.Solved, PostStatus.Open)], page.History.Select(h => (h.From, h.To)));
        Assert.Equal("Greta Hansen", page.History[^1].ByName);
        Assert.True(page.Replies.Single(r => r.Id == proposal.Id).IsResolutionProposal);
        Assert.Equal(("The refund never arrived.", false), (page.Replies[^1].Body, page.Replies[^1].IsInternalNote));
        Assert.Equal(2, complaint.Rating!.Stars);
        Assert.Null(complaint.PendingProposal);
        var row = (await Desk.ListAsync(new(), owner, Ct)).Rows.Single(r => r.Id == id);
        Assert.Equal(time.UtcNow, row.WaitingSince);
        Assert.Equal([typeof(ReplyAdded), typeof(StatusChanged)], onPost.Select(e => e.GetType()));
        Assert.Contains(onDesk.OfType<ComplaintActivity>(), a => a.PostId == id && a.Kind == ComplaintActivityKind.Reopened);
        Assert.Equal(ResolutionOutcome.AlreadyRated, (await Resolutions.RateAsync(id, 5, null, customer, Ct)).Outcome);
    }

    [Fact]
    public async Task A_complaint_that_was_in_progress_goes_back_to_in_progress_when_reopened()
    {
        var (id, customer, _) = await FileAndClaimAsync();
        await content.SetStatusAsync(id, PostStatus.InProgress, Ct);
        await Resolutions.ConfirmAsync(id, customer, Ct);

        await Resolutions.ReopenAsync(id, "Not fixed.", customer, Ct);

        Assert.Equal((PostStatus.InProgress, (ComplaintOutcome?)null), await StatusAsync(id));
    }

    [Fact]
    public async Task Reopening_needs_a_message_of_bounded_length_and_a_refusal_changes_nothing()
    {
        var (id, customer, _) = await FileAndClaimAsync();
        await Resolutions.ConfirmAsync(id, customer, Ct);
        var before = await EverythingAsync(id);

        Assert.Equal(ResolutionOutcome.MessageRequired, (await Resolutions.ReopenAsync(id, "   ", customer, Ct)).Outcome);
        Assert.Equal(ResolutionOutcome.MessageTooLong, (await Resolutions.ReopenAsync(id, new string('x', Reply.BodyMaxLength + 1), customer, Ct)).Outcome);

        Assert.Equal(before, await EverythingAsync(id));
    }

    [Fact]
    public async Task Not_yet_on_an_open_complaint_is_the_customers_reply_and_ends_the_pending_proposal()
    {
        var (id, customer, owner) = await FileAndClaimAsync();
        Later();
        await Resolutions.ProposeAsync(id, "Refund sent.", owner, Ct);
        Assert.NotNull((await Complaints.GetDetailsAsync(id, customer, Ct))!.PendingProposal);
        Later();

        Assert.Equal(ResolutionOutcome.Done, (await Resolutions.ReopenAsync(id, "Which account?", customer, Ct)).Outcome);

        var page = (await Posts.GetAsync(id, customer, Ct))!;
        var complaint = (await Complaints.GetDetailsAsync(id, customer, Ct))!;
        Assert.Null(complaint.PendingProposal);
        Assert.Equal(time.UtcNow, complaint.WaitingSince);
        Assert.Empty(page.History);
        Assert.Equal(PostStatus.Open, page.Post.Status);
    }

    [Fact]
    public async Task Staff_close_after_the_configured_silence_since_their_answer_and_not_a_day_before()
    {
        var (id, customer, owner) = await FileAndClaimAsync();
        Assert.Equal(ResolutionOutcome.CustomerWaiting, (await Resolutions.CloseAfterSilenceAsync(id, null, owner, Ct)).Outcome);
        Later();
        var answeredAt = time.UtcNow;
        await Resolutions.ProposeAsync(id, "Refund sent.", owner, Ct);
        Assert.Equal(answeredAt + Silence, (await Complaints.GetDetailsAsync(id, owner, Ct))!.MayCloseFrom);
        time.UtcNow = answeredAt + Silence - TimeSpan.FromMinutes(1);
        var before = await EverythingAsync(id);

        var early = await Resolutions.CloseAfterSilenceAsync(id, "No answer.", owner, Ct);
        var byCustomer = await Resolutions.CloseAfterSilenceAsync(id, "No answer.", customer, Ct);

        Assert.Equal((ResolutionOutcome.TooEarly, answeredAt + Silence), (early.Outcome, early.MayCloseFrom));
        Assert.Equal(ResolutionOutcome.NotAllowed, byCustomer.Outcome);
        Assert.Equal(before, await EverythingAsync(id));

        time.UtcNow = answeredAt + Silence;
        var onPost = recorder.Listen(id);
        var colleague = await content.AddPersonAsync(Roles.Staff, Ct);
        Assert.Equal(ResolutionOutcome.Done, (await Resolutions.CloseAfterSilenceAsync(id, "Closed after 14 days without a reply.", colleague, Ct)).Outcome);

        Assert.Equal((PostStatus.Solved, ComplaintOutcome.ClosedAfterSilence), await StatusAsync(id));
        var line = Assert.Single((await Posts.GetAsync(id, customer, Ct))!.History);
        Assert.Equal((PostStatus.Solved, "Closed after 14 days without a reply."), (line.To, line.Note));
        Assert.Equal(ComplaintOutcome.ClosedAfterSilence, Assert.Single(onPost.OfType<StatusChanged>()).Outcome);
        Assert.Equal(ResolutionOutcome.AlreadySolved, (await Resolutions.CloseAfterSilenceAsync(id, null, owner, Ct)).Outcome);
        Assert.Equal(ResolutionOutcome.NotConfirmed, (await Resolutions.RateAsync(id, 3, null, customer, Ct)).Outcome);
    }

    [Fact]
    public async Task A_customer_who_writes_after_being_closed_for_silence_reopens_the_complaint_and_waits_on_the_desk()
    {
        var (id, customer, owner) = await FileAndClaimAsync();
        Later();
        await Resolutions.ProposeAsync(id, "Refund sent.", owner, Ct);
        time.UtcNow += Silence;
        await Resolutions.CloseAfterSilenceAsync(id, null, owner, Ct);
        var onDesk = recorder.ListenTo(LiveTopics.Desk);
        Later();

        var reply = await Threads.ReplyAsync(id, null, "Sorry, I was away. It still is not there.", internalNote: false, customer, Ct);

        Assert.Equal(ThreadOutcome.Posted, reply.Outcome);
        Assert.Equal((PostStatus.Open, (ComplaintOutcome?)null), await StatusAsync(id));
        Assert.Equal(2, await HistoryRowsAsync(id));
        Assert.Equal(time.UtcNow, (await Desk.ListAsync(new(), owner, Ct)).Rows.Single(r => r.Id == id).WaitingSince);
        Assert.Contains(onDesk.OfType<ComplaintActivity>(), a => a.PostId == id && a.Kind == ComplaintActivityKind.Reopened);
    }

    [Fact]
    public async Task An_ordinary_reply_does_not_reopen_a_complaint_the_customer_confirmed_and_nobody_proposes_on_it()
    {
        var (id, customer, owner) = await FileAndClaimAsync();
        await Resolutions.ConfirmAsync(id, customer, Ct);
        Later();

        await Threads.ReplyAsync(id, null, "Thanks again!", internalNote: false, customer, Ct);

        Assert.Equal((PostStatus.Solved, ComplaintOutcome.ConfirmedByCustomer), await StatusAsync(id));
        Assert.Equal(ThreadOutcome.AlreadySolved, (await Resolutions.ProposeAsync(id, "Anything else?", owner, Ct)).Outcome);
    }

    public void Dispose()
    {
        recorder.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Later() => time.UtcNow += TimeSpan.FromMinutes(10);

    private async Task<(int Id, Viewer Customer, Viewer Owner)> FileAndClaimAsync(bool isPublic = false)
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var owner = await content.AddPersonAsync(Roles.Staff, Ct);
        await RenameAsync(customer.UserId!, "Greta Hansen");
        await RenameAsync(owner.UserId!, "Anna Berger");
        var filed = await Complaints.FileAsync(new("Refund missing", "I returned the shoes a month ago.", ComplaintMood.Disappointed, null, isPublic), customer, Ct);
        var id = filed.PostId!.Value;
        Assert.True((await Ownership.ClaimAsync(id, owner, ct: Ct)).Outcome is OwnershipOutcome.Done or OwnershipOutcome.Unchanged);
        return (id, customer, owner);
    }

    private async Task<(PostStatus Status, ComplaintOutcome? Outcome)> StatusAsync(int id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = await db.Posts.Where(p => p.Id == id).Select(p => new { p.Status, p.Outcome }).SingleAsync(Ct);
        return (post.Status, post.Outcome);
    }

    private async Task<int> HistoryRowsAsync(int id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.StatusChanges.CountAsync(s => s.PostId == id, Ct);
    }

    private async Task<(int Rows, int Counter)> ReplyRowsAsync(int id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var counter = await db.Posts.Where(p => p.Id == id).Select(p => p.ReplyCount).SingleAsync(Ct);
        return (await db.Replies.CountAsync(r => r.PostId == id, Ct), counter);
    }

    /// <summary>Everything a resolution step could change, as one comparable string.</summary>
    private async Task<string> EverythingAsync(int id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = await db.Posts.Where(p => p.Id == id)
            .Select(p => new { p.Status, p.Outcome, p.Rating, p.RatingComment, p.RatedAt, p.ReplyCount, p.UpdatedAt }).SingleAsync(Ct);
        var replies = await db.Replies.CountAsync(r => r.PostId == id, Ct);
        return $"{post} replies={replies} history={await HistoryRowsAsync(id)}";
    }

    private async Task RenameAsync(string userId, string name)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name), Ct);
    }
}

public sealed class SqliteComplaintResolutionTests(PortalFactory portal) : ComplaintResolutionTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresComplaintResolutionTests(PostgresPortalFactory portal) : ComplaintResolutionTests(portal), IClassFixture<PostgresPortalFactory>;
