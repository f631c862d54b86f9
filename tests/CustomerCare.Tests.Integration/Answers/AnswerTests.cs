using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Helpful;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Answers;
using CustomerCare.Web.Features.Customers;
using CustomerCare.Web.Features.Helpful;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Answers;

/// <summary>
/// "The answer": on a public post its author or someone who works here marks one reply; the page reads it (who chose
/// it), every open page hears it, its writer is notified. On a public complaint, its customer accepting another
/// customer's answer solves it and thanks that customer; staff choosing one only marks it. Refusals: someone else's
/// post, a private complaint, notes, hidden replies, one's own reply. On SQLite and PostgreSQL.
/// </summary>
public abstract class AnswerTests(PortalFactory portal)
{
    private AnswerService Answers => portal.Services.GetRequiredService<AnswerService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_author_marks_a_reply_as_the_answer_every_page_hears_it_and_its_writer_is_notified_once()
    {
        var (asker, helper, ideaId, replyId) = await portal.CustomerAnswerAsync();
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var heard = recorder.Listen(ideaId);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Answers.MarkAsync(ideaId, replyId, asker.Viewer, Ct), Ct)));

        Assert.All(results, r => Assert.Equal(AnswerOutcome.Marked, r.Outcome));
        Assert.All(results, r => Assert.False(r.Solved));
        var mark = (await DetailsAsync(ideaId, Viewer.Anonymous)).Answer;
        Assert.Equal((replyId, true), (mark!.ReplyId, mark.ByAuthor));
        Assert.Equal(mark, Assert.Single(heard.OfType<AnswerMarked>()).Mark);
        Assert.True(Assert.Single(await portal.Services.GetRequiredService<PostService>().ListByIdsAsync([ideaId], Viewer.Anonymous, Ct)).Answered);
        await using var db = await DbAsync();
        var bell = Assert.Single(await db.Notifications.Where(n => n.UserId == helper.Id && n.Kind == NotificationKind.Answered).ToListAsync(Ct));
        Assert.Equal((asker.Id, (long?)replyId), (bell.ActorId, bell.ReplyId));
        Assert.True(Assert.Single((await Export(helper)).Replies).MarkedAsAnswer);
        await portal.Services.GetRequiredService<HelpfulService>().SetAsync(replyId, true, asker.Viewer, Ct);
        var profile = await portal.Services.GetRequiredService<CustomerStoryService>().ProfileAsync(helper.Id, Ct);
        Assert.True(Assert.Single(profile!.HelpfulAnswers).IsTheAnswer);
        Assert.Contains((await Export(asker)).Decisions, d => d.PostId == ideaId && d.What.Contains($"{replyId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_choose_an_answer_by_name_another_replaces_it_and_it_can_be_taken_back()
    {
        var (_, helper, ideaId, replyId) = await portal.CustomerAnswerAsync();
        var anna = await portal.AddPersonAsync(Roles.Staff, "Anna Chooser", "Customer Care", Ct);
        var other = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var otherReply = await portal.ReplyAsync(ideaId, other);

        Assert.Equal(AnswerOutcome.Marked, (await Answers.MarkAsync(ideaId, replyId, anna.Viewer, Ct)).Outcome);
        var mark = (await DetailsAsync(ideaId, helper.Viewer)).Answer!;
        Assert.Equal(("Anna Chooser", "Customer Care", false), (mark.ByName, mark.ByJobTitle, mark.ByAuthor));

        Assert.Equal(AnswerOutcome.Marked, (await Answers.MarkAsync(ideaId, otherReply, anna.Viewer, Ct)).Outcome);
        Assert.Equal(otherReply, (await DetailsAsync(ideaId, helper.Viewer)).Answer!.ReplyId);

        Assert.Equal(AnswerOutcome.Cleared, (await Answers.ClearAsync(ideaId, anna.Viewer, Ct)).Outcome);
        Assert.Null((await DetailsAsync(ideaId, helper.Viewer)).Answer);
    }

    [Fact]
    public async Task On_a_public_complaint_its_customer_accepting_another_customers_answer_solves_it_and_thanks_the_helper()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var neighbour = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var complaintId = await portal.FileComplaintAsync(customer, isPublic: true, ct: Ct);
        var replyId = await portal.ReplyAsync(complaintId, neighbour);

        var result = await Answers.MarkAsync(complaintId, replyId, customer.Viewer, Ct);

        Assert.Equal((AnswerOutcome.Marked, true), (result.Outcome, result.Solved));
        await using var db = await DbAsync();
        var complaint = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == complaintId, Ct);
        Assert.Equal((PostStatus.Solved, ComplaintOutcome.ConfirmedByCustomer), (complaint.Status, complaint.Outcome));
        var thanks = Assert.Single(await db.Thanks.Where(t => t.PostId == complaintId).ToListAsync(Ct));
        Assert.Equal((customer.Id, neighbour.Id, (long?)replyId), (thanks.FromUserId, thanks.ToUserId, thanks.ReplyId));
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == neighbour.Id && n.Kind == NotificationKind.Thanked, Ct));
        Assert.Single((await Export(neighbour)).ThanksReceived);

        // Marking again (a second tab) neither thanks twice nor fails on the solved complaint.
        Assert.Equal(AnswerOutcome.Marked, (await Answers.MarkAsync(complaintId, replyId, customer.Viewer, Ct)).Outcome);
        Assert.Equal(1, await db.Thanks.CountAsync(t => t.PostId == complaintId, Ct));
    }

    [Fact]
    public async Task Staff_choosing_an_answer_on_a_complaint_or_the_customer_accepting_the_teams_reply_leaves_it_open()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var neighbour = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var complaintId = await portal.FileComplaintAsync(customer, isPublic: true, ct: Ct);
        var neighbourReply = await portal.ReplyAsync(complaintId, neighbour);
        var staffReply = await portal.ReplyAsync(complaintId, staff);

        Assert.Equal((AnswerOutcome.Marked, false), Pair(await Answers.MarkAsync(complaintId, neighbourReply, staff.Viewer, Ct)));
        Assert.Equal((AnswerOutcome.Marked, false), Pair(await Answers.MarkAsync(complaintId, staffReply, customer.Viewer, Ct)));

        await using var db = await DbAsync();
        Assert.NotEqual(PostStatus.Solved, await db.Posts.Where(p => p.Id == complaintId).Select(p => p.Status).SingleAsync(Ct));
        Assert.False(await db.Thanks.AnyAsync(t => t.PostId == complaintId, Ct));
    }

    [Fact]
    public async Task Someone_elses_post_a_private_complaint_notes_hidden_and_own_replies_are_refused()
    {
        var (asker, helper, ideaId, replyId) = await portal.CustomerAnswerAsync();
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var note = await portal.ReplyAsync(ideaId, staff, internalNote: true);
        var staffReply = await portal.ReplyAsync(ideaId, staff);
        var askersOwn = await portal.ReplyAsync(ideaId, asker);
        var complaintId = await portal.FileComplaintAsync(asker, ct: Ct);
        var privateReply = await portal.ReplyAsync(complaintId, staff);

        Assert.Equal(AnswerOutcome.NotAllowed, (await Answers.MarkAsync(ideaId, replyId, helper.Viewer, Ct)).Outcome);
        Assert.Equal(AnswerOutcome.NotAllowed, (await Answers.ClearAsync(ideaId, helper.Viewer, Ct)).Outcome);
        Assert.Equal(AnswerOutcome.SignInRequired, (await Answers.MarkAsync(ideaId, replyId, Viewer.Anonymous, Ct)).Outcome);
        Assert.Equal(AnswerOutcome.NotPublic, (await Answers.MarkAsync(complaintId, privateReply, asker.Viewer, Ct)).Outcome);
        Assert.Equal(AnswerOutcome.NotFound, (await Answers.MarkAsync(complaintId, privateReply, helper.Viewer, Ct)).Outcome);
        Assert.Equal(AnswerOutcome.NotMarkable, (await Answers.MarkAsync(ideaId, note, staff.Viewer, Ct)).Outcome);
        Assert.Equal(AnswerOutcome.NotMarkable, (await Answers.MarkAsync(ideaId, staffReply, staff.Viewer, Ct)).Outcome);
        Assert.Equal(AnswerOutcome.NotMarkable, (await Answers.MarkAsync(ideaId, askersOwn, asker.Viewer, Ct)).Outcome);
        Assert.Equal(AnswerOutcome.NotMarkable, (await Answers.MarkAsync(ideaId, askersOwn, staff.Viewer, Ct)).Outcome);
        Assert.Equal(AnswerOutcome.NotFound, (await Answers.MarkAsync(ideaId, privateReply, asker.Viewer, Ct)).Outcome);

        await using var db = await DbAsync();
        await db.Replies.Where(r => r.Id == replyId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HiddenAt, DateTime.UtcNow), Ct);
        Assert.Equal(AnswerOutcome.NotMarkable, (await Answers.MarkAsync(ideaId, replyId, asker.Viewer, Ct)).Outcome);
        Assert.False(await db.Posts.AnyAsync(p => (p.Id == ideaId || p.Id == complaintId) && p.AnswerId != null, Ct));
    }

    [Fact]
    public async Task Erasing_a_complaint_with_an_answer_deletes_it_cleanly()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var neighbour = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var complaintId = await portal.FileComplaintAsync(customer, isPublic: true, ct: Ct);
        var replyId = await portal.ReplyAsync(complaintId, neighbour);
        Assert.True((await Answers.MarkAsync(complaintId, replyId, customer.Viewer, Ct)).Succeeded);

        await using var db = await DbAsync();
        await AccountErasure.EraseComplaintsAsync(db, customer.Id, Ct);

        Assert.False(await db.Posts.AnyAsync(p => p.Id == complaintId, Ct));
        Assert.False(await db.Replies.AnyAsync(r => r.Id == replyId, Ct));
    }

    private static (AnswerOutcome, bool) Pair(AnswerResult result) => (result.Outcome, result.Solved);

    private async Task<PostDetails> DetailsAsync(int postId, Viewer viewer) =>
        (await portal.Services.GetRequiredService<PostService>().GetAsync(postId, viewer, Ct))!;

    private async Task<PersonalDataArchive> Export(TestPerson person) =>
        (await portal.Services.GetRequiredService<PersonalDataExport>().CollectAsync(person.Viewer, ct: Ct))!;

    private Task<CareDb> DbAsync() => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
}

public sealed class SqliteAnswerTests(EmptyPortalFactory portal) : AnswerTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresAnswerTests(PostgresPortalFactory portal) : AnswerTests(portal), IClassFixture<PostgresPortalFactory>;
