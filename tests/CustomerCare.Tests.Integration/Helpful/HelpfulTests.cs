using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Customers;
using CustomerCare.Web.Features.Helpful;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Helpful;

/// <summary>
/// "Helpful" on a reply: anyone signed in marks a reply they may read, once, and may take it back; the count is exact
/// under many marks at once and every open page of the post hears it; nobody marks their own reply, an internal note or
/// a reply they may not see. "Helped N customers" counts the distinct customers; the profile lists the answers that
/// helped; the data download has the marks. On SQLite and PostgreSQL.
/// </summary>
public abstract class HelpfulTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private HelpfulService Helpful => portal.Services.GetRequiredService<HelpfulService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_mark_counts_once_is_taken_back_and_every_open_page_hears_the_count()
    {
        var (_, helper, ideaId, replyId) = await portal.CustomerAnswerAsync();
        var reader = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var heard = recorder.Listen(ideaId);

        var marked = await Helpful.SetAsync(replyId, true, reader.Viewer, Ct);
        var again = await Helpful.SetAsync(replyId, true, reader.Viewer, Ct);
        Assert.Equal(new HelpfulResult(HelpfulOutcome.Marked, 1, Changed: true), marked);
        Assert.Equal(new HelpfulResult(HelpfulOutcome.Marked, 1), again);
        Assert.Equal([replyId], await Helpful.MarkedOnAsync(ideaId, reader.Viewer, Ct));
        Assert.Equal((1, 1), await CountsAsync(replyId));

        var back = await Helpful.SetAsync(replyId, false, reader.Viewer, Ct);
        Assert.Equal(new HelpfulResult(HelpfulOutcome.Unmarked, 0, Changed: true), back);
        Assert.Equal((0, 0), await CountsAsync(replyId));
        Assert.Empty(await Helpful.MarkedOnAsync(ideaId, reader.Viewer, Ct));

        // One event per change, none for the mark that was there already.
        await WaitForAsync(() => heard.OfType<HelpfulChanged>().Count() == 2);
        Assert.Equal([(replyId, 1), (replyId, 0)], heard.OfType<HelpfulChanged>().Select(e => (e.ReplyId, e.Count)));
        Assert.Equal(0, (await portal.ThreadAsync(ideaId, reader.Viewer)).Single(r => r.Id == replyId).HelpfulCount);
        Assert.NotNull(helper);
    }

    [Fact]
    public async Task Fifty_people_marking_and_taking_back_at_once_leave_an_exact_count()
    {
        var (_, _, _, replyId) = await portal.CustomerAnswerAsync();
        var people = await content.AddUsersAsync(50, Roles.Customer, Ct);

        // Everyone marks; every other person takes it back and marks again; every third takes it back for good.
        var finals = await Task.WhenAll(people.Select((id, i) => Task.Run(async () =>
        {
            var viewer = TestContent.ViewerFor(Roles.Customer, id);
            var result = await Helpful.SetAsync(replyId, true, viewer, Ct);
            Assert.Equal(HelpfulOutcome.Marked, result.Outcome);
            if (i % 2 == 0)
            {
                Assert.Equal(HelpfulOutcome.Unmarked, (await Helpful.SetAsync(replyId, false, viewer, Ct)).Outcome);
                Assert.Equal(HelpfulOutcome.Marked, (await Helpful.SetAsync(replyId, true, viewer, Ct)).Outcome);
            }

            if (i % 3 == 0)
            {
                Assert.Equal(HelpfulOutcome.Unmarked, (await Helpful.SetAsync(replyId, false, viewer, Ct)).Outcome);
                return false;
            }

            return true;
        }, Ct)));

        var want = finals.Count(f => f);
        Assert.Equal((want, want), await CountsAsync(replyId));
    }

    [Fact]
    public async Task Two_marks_at_once_from_two_tabs_make_one()
    {
        var (_, _, _, replyId) = await portal.CustomerAnswerAsync();
        var reader = await portal.AddPersonAsync(Roles.Customer, ct: Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Helpful.SetAsync(replyId, true, reader.Viewer, Ct), Ct)));

        Assert.All(results, r => Assert.Equal(HelpfulOutcome.Marked, r.Outcome));
        Assert.Equal((1, 1), await CountsAsync(replyId));
    }

    [Fact]
    public async Task Nobody_marks_their_own_reply_a_note_or_a_reply_they_may_not_see_and_a_visitor_signs_in_first()
    {
        var (asker, helper, ideaId, replyId) = await portal.CustomerAnswerAsync();
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var note = await portal.ReplyAsync(ideaId, staff, internalNote: true);
        var colleague = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var stranger = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var complaint = await portal.FileComplaintAsync(asker, ct: Ct);
        var answer = await portal.ReplyAsync(complaint, staff);

        Assert.Equal(HelpfulOutcome.SignInRequired, (await Helpful.SetAsync(replyId, true, Viewer.Anonymous, Ct)).Outcome);
        Assert.Equal(HelpfulOutcome.OwnReply, (await Helpful.SetAsync(replyId, true, helper.Viewer, Ct)).Outcome);
        Assert.Equal(HelpfulOutcome.NotFound, (await Helpful.SetAsync(note, true, asker.Viewer, Ct)).Outcome);
        Assert.Equal(HelpfulOutcome.NotMarkable, (await Helpful.SetAsync(note, true, colleague.Viewer, Ct)).Outcome);
        Assert.Equal(HelpfulOutcome.NotFound, (await Helpful.SetAsync(answer, true, stranger.Viewer, Ct)).Outcome);
        Assert.Equal(HelpfulOutcome.NotFound, (await Helpful.SetAsync(long.MaxValue, true, asker.Viewer, Ct)).Outcome);
        Assert.Equal((0, 0), await CountsAsync(replyId));
        Assert.Equal((0, 0), await CountsAsync(note));

        // The complaint's own customer may mark the answer to it, and staff may mark a customer's answer.
        Assert.Equal(HelpfulOutcome.Marked, (await Helpful.SetAsync(answer, true, asker.Viewer, Ct)).Outcome);
        Assert.Equal(HelpfulOutcome.Marked, (await Helpful.SetAsync(replyId, true, staff.Viewer, Ct)).Outcome);
    }

    [Fact]
    public async Task Helped_counts_distinct_customers_and_the_profile_lists_the_answers_that_helped_in_public_threads()
    {
        var (_, helper, ideaId, replyId) = await portal.CustomerAnswerAsync();
        var second = await portal.ReplyAsync(ideaId, helper);
        var ann = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ben = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        await Helpful.SetAsync(replyId, true, ann.Viewer, Ct);
        await Helpful.SetAsync(second, true, ann.Viewer, Ct);
        await Helpful.SetAsync(replyId, true, ben.Viewer, Ct);
        await Helpful.SetAsync(replyId, true, staff.Viewer, Ct);
        // Their answer on their own private complaint, marked by staff: counted on the reply, never listed in public.
        var complaint = await portal.FileComplaintAsync(helper, ct: Ct);
        var onComplaint = await portal.ReplyAsync(complaint, helper);
        await Helpful.SetAsync(onComplaint, true, staff.Viewer, Ct);

        // Ann and Ben: two customers, though three marks came from customers; staff's marks help no "customer".
        var thread = await portal.ThreadAsync(ideaId, ann.Viewer);
        Assert.All(thread.Where(r => r.Author.Id == helper.Id), r => Assert.Equal(2, r.Author.Helped));
        Assert.Equal(3, thread.Single(r => r.Id == replyId).HelpfulCount);
        Assert.Equal(1, thread.Single(r => r.Id == second).HelpfulCount);

        var profile = await portal.Services.GetRequiredService<CustomerStoryService>().ProfileAsync(helper.Id, Ct);
        Assert.Equal(2, profile!.Helped);
        Assert.Equal([(replyId, 3), (second, 1)], profile.HelpfulAnswers.Select(a => (a.ReplyId, a.HelpfulCount)));
        Assert.All(profile.HelpfulAnswers, a => Assert.Equal(ideaId, a.PostId));
    }

    [Fact]
    public async Task The_marks_are_in_the_markers_data_download_and_go_with_an_erased_complaint()
    {
        var asker = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, "Hanna Helper", "Customer Care", Ct);
        var complaint = await portal.FileComplaintAsync(asker, isPublic: true, ct: Ct);
        var answer = await portal.ReplyAsync(complaint, staff);
        var reader = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        await Helpful.SetAsync(answer, true, reader.Viewer, Ct);
        await Helpful.SetAsync(answer, true, asker.Viewer, Ct);

        var mark = Assert.Single((await portal.Services.GetRequiredService<PersonalDataExport>().CollectAsync(reader.Viewer, ct: Ct))!.HelpfulMarks);
        Assert.Equal(("Hanna Helper", answer, complaint), (mark.Author, mark.ReplyId, mark.PostId));
        Assert.NotNull(mark.PostTitle);

        var deleted = await portal.Services.GetRequiredService<AccountDeletion>().DeleteAsync(asker.Viewer, asker.Password, [complaint], Ct);
        Assert.True(deleted.Succeeded, deleted.ToString());
        await using var db = await DbAsync();
        Assert.False(await db.HelpfulMarks.AnyAsync(m => m.ReplyId == answer, Ct));
    }

    // The reply's counter and its rows.
    private async Task<(int Counter, int Rows)> CountsAsync(long replyId)
    {
        await using var db = await DbAsync();
        return (await db.Replies.Where(r => r.Id == replyId).Select(r => r.HelpfulCount).SingleAsync(Ct),
            await db.HelpfulMarks.CountAsync(m => m.ReplyId == replyId, Ct));
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        for (var i = 0; i < 100 && !done(); i++)
        {
            await Task.Delay(20, Ct);
        }
    }

    private Task<CareDb> DbAsync() => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
}

public sealed class SqliteHelpfulTests(EmptyPortalFactory portal) : HelpfulTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresHelpfulTests(PostgresPortalFactory portal) : HelpfulTests(portal), IClassFixture<PostgresPortalFactory>;
