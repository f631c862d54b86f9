using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.Threads;

/// <summary>Who may reply, answer, write internal notes and edit; every refusal writes nothing and publishes nothing.</summary>
public abstract class ThreadServiceTests(PortalFactory portal) : IDisposable
{
    private static readonly string[] Everyone = ["anonymous", "customer", "author", Roles.Staff, Roles.ProductOwner, Roles.Admin];

    private readonly TestContent content = new(portal);
    private readonly LiveEventRecorder recorder = new(portal.Services.GetRequiredService<ILiveBus>());

    private ThreadService Threads => portal.Services.GetRequiredService<ThreadService>();

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, ThreadOutcome> Matrix()
    {
        var rows = new TheoryData<string, string, ThreadOutcome>();
        foreach (var who in Everyone)
        {
            var signedIn = who != "anonymous";
            var worksHere = who is Roles.Staff or Roles.ProductOwner or Roles.Admin;
            rows.Add("reply", who, signedIn ? ThreadOutcome.Posted : ThreadOutcome.SignInRequired);
            rows.Add("answer", who, signedIn ? ThreadOutcome.Posted : ThreadOutcome.SignInRequired);
            rows.Add("note", who, !signedIn ? ThreadOutcome.SignInRequired : worksHere ? ThreadOutcome.Posted : ThreadOutcome.NotAllowed);

            // Nobody edits someone else's words, staff included: replies keep no audit trail of earlier text.
            rows.Add("edit", who, !signedIn ? ThreadOutcome.SignInRequired : who == "author" ? ThreadOutcome.Edited : ThreadOutcome.NotAllowed);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_signed_in_people_reply_only_staff_write_notes_and_only_the_author_edits(string action, string who, ThreadOutcome expected)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var existing = await Threads.ReplyAsync(ideaId, null, "First!", internalNote: false, author, Ct);
        var viewer = await ViewerAsync(who, author);
        var before = await StateAsync(ideaId);
        var events = recorder.ListenTo(LiveTopics.Post(ideaId), LiveTopics.PostStaff(ideaId));

        var result = action switch
        {
            "reply" => await Threads.ReplyAsync(ideaId, null, "Me too.", internalNote: false, viewer, Ct),
            "answer" => await Threads.ReplyAsync(ideaId, existing.Reply!.Id, "Agreed.", internalNote: false, viewer, Ct),
            "note" => await Threads.ReplyAsync(ideaId, null, "Known issue, see ticket 42.", internalNote: true, viewer, Ct),
            _ => await Threads.EditAsync(existing.Reply!.Id, "First! (edited)", viewer, Ct),
        };

        Assert.Equal(expected, result.Outcome);
        Assert.Equal($"Thread_{expected}", result.MessageKey);
        var after = await StateAsync(ideaId);
        if (!result.Succeeded)
        {
            Assert.Equal(before, after);
            Assert.Empty(events);
            return;
        }

        Assert.Single(events);
        var reply = await ReplyAsync(result.Reply!.Id);
        switch (action)
        {
            case "edit":
                Assert.Equal(("First! (edited)", true), (reply.Body, reply.EditedAt is not null));
                Assert.Equal(before.ReplyCount, after.ReplyCount);
                break;
            case "note":
                Assert.True(reply.IsInternalNote);
                Assert.Equal(before.ReplyCount, after.ReplyCount);
                break;
            default:
                Assert.Equal(action == "answer" ? existing.Reply!.Id : null, reply.ParentReplyId);
                Assert.Equal(before.ReplyCount + 1, after.ReplyCount);
                break;
        }
    }

    [Theory]
    [InlineData("anonymous", ThreadOutcome.SignInRequired)]
    [InlineData("customer", ThreadOutcome.NotFound)]
    [InlineData("author", ThreadOutcome.Posted)]
    [InlineData(Roles.Staff, ThreadOutcome.Posted)]
    [InlineData(Roles.ProductOwner, ThreadOutcome.Posted)]
    [InlineData(Roles.Admin, ThreadOutcome.Posted)]
    public async Task Another_customer_cannot_reply_to_or_answer_in_a_private_complaint(string who, ThreadOutcome expected)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var complaintId = await content.AddPostAsync(PostKind.Complaint, author.UserId!, Ct, isPublic: false);
        var first = await Threads.ReplyAsync(complaintId, null, "Still no refund.", internalNote: false, author, Ct);
        var viewer = await ViewerAsync(who, author);
        var before = await StateAsync(complaintId);

        var reply = await Threads.ReplyAsync(complaintId, null, "Here is more.", internalNote: false, viewer, Ct);
        var answer = await Threads.ReplyAsync(complaintId, first.Reply!.Id, "And more.", internalNote: false, viewer, Ct);

        Assert.Equal((expected, expected), (reply.Outcome, answer.Outcome));
        Assert.Equal(before.ReplyCount + (expected == ThreadOutcome.Posted ? 2 : 0), (await StateAsync(complaintId)).ReplyCount);
        if (who == "customer")
        {
            Assert.Equal(ThreadOutcome.NotFound, (await Threads.EditAsync(first.Reply.Id, "Mine now.", viewer, Ct)).Outcome);
        }
    }

    [Theory]
    [InlineData(14, ThreadOutcome.Edited)]
    [InlineData(15, ThreadOutcome.EditWindowClosed)]
    [InlineData(16, ThreadOutcome.EditWindowClosed)]
    public async Task The_author_may_edit_a_reply_for_fifteen_minutes(int minutes, ThreadOutcome expected)
    {
        var author = await content.AddPersonAsync(Roles.Staff, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var clock = new ManualTime(DateTime.UtcNow);
        var threads = new ThreadService(Dbs, portal.Services.GetRequiredService<ILiveBus>(), clock, portal.Services.GetRequiredService<CustomerCare.Web.Features.Notifications.NotificationService>(), [],
            new ActivityLimits(portal.Services.GetRequiredService<IOptionsMonitor<RateLimitOptions>>(), clock),
            portal.Services.GetRequiredService<CustomerCare.Web.Features.Posts.PostingRights>(),
            portal.Services.GetRequiredService<CustomerCare.Web.Features.Webhooks.WebhookPublisher>(),
            portal.Services.GetRequiredService<CustomerCare.Web.Features.Mentions.MentionNotifier>(),
            portal.Services.GetRequiredService<CustomerCare.Web.Features.Pictures.PictureAttachments>());
        var posted = await threads.ReplyAsync(ideaId, null, "We ship in May.", internalNote: false, author, Ct);
        clock.UtcNow = posted.Reply!.CreatedAt.AddMinutes(minutes);

        var result = await threads.EditAsync(posted.Reply.Id, "  We ship in June.  ", author, Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(minutes < 15, ThreadService.MayEdit(posted.Reply, author, clock.UtcNow));
        var saved = await ReplyAsync(posted.Reply.Id);
        Assert.Equal(expected == ThreadOutcome.Edited ? "We ship in June." : "We ship in May.", saved.Body);
        Assert.Equal(expected == ThreadOutcome.Edited ? clock.UtcNow : null, saved.EditedAt);
        Assert.Equal(posted.Reply.CreatedAt, saved.CreatedAt);
    }

    [Fact]
    public async Task Answers_stay_one_level_deep_and_answers_to_internal_notes_stay_internal()
    {
        var (customer, staff) = (await content.AddPersonAsync(Roles.Customer, Ct), await content.AddPersonAsync(Roles.Staff, Ct));
        var ideaId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        var otherIdea = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        var top = (await Threads.ReplyAsync(ideaId, null, "Top.", false, customer, Ct)).Reply!;
        var answer = (await Threads.ReplyAsync(ideaId, top.Id, "Answer.", false, staff, Ct)).Reply!;
        var note = (await Threads.ReplyAsync(ideaId, null, "Note.", true, staff, Ct)).Reply!;

        var deeper = await Threads.ReplyAsync(ideaId, answer.Id, "Answer to the answer.", false, customer, Ct);
        var underNote = await Threads.ReplyAsync(ideaId, note.Id, "Agreed.", false, staff, Ct);
        var internalAnswer = (await Threads.ReplyAsync(ideaId, top.Id, "Ask billing.", true, staff, Ct)).Reply!;
        var underInternalAnswer = await Threads.ReplyAsync(ideaId, internalAnswer.Id, "Done.", false, staff, Ct);

        Assert.Equal((top.Id, false), (deeper.Reply!.ParentReplyId, deeper.Reply.IsInternalNote));
        Assert.Equal((note.Id, true), (underNote.Reply!.ParentReplyId, underNote.Reply.IsInternalNote));
        Assert.Equal((top.Id, true), (underInternalAnswer.Reply!.ParentReplyId, underInternalAnswer.Reply.IsInternalNote));
        Assert.Equal((top.Id, true), ((await ReplyAsync(underInternalAnswer.Reply.Id)).ParentReplyId, (await ReplyAsync(underInternalAnswer.Reply.Id)).IsInternalNote));
        var before = await StateAsync(ideaId);
        Assert.Equal(ThreadOutcome.ParentNotFound, (await Threads.ReplyAsync(ideaId, note.Id, "Peek.", false, customer, Ct)).Outcome);
        Assert.Equal(ThreadOutcome.ParentNotFound, (await Threads.ReplyAsync(otherIdea, top.Id, "Wrong post.", false, customer, Ct)).Outcome);
        Assert.Equal(ThreadOutcome.ParentNotFound, (await Threads.ReplyAsync(ideaId, long.MaxValue, "Nothing.", false, customer, Ct)).Outcome);
        Assert.Equal(before, await StateAsync(ideaId));
    }

    [Theory]
    [InlineData("", ThreadOutcome.Empty)]
    [InlineData("   \n ", ThreadOutcome.Empty)]
    [InlineData("long", ThreadOutcome.TooLong)]
    [InlineData("fits", ThreadOutcome.Posted)]
    public async Task A_reply_has_one_to_ten_thousand_characters_after_trimming(string body, ThreadOutcome expected)
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        body = body switch
        {
            "long" => new string('x', Reply.BodyMaxLength + 1),
            "fits" => $"  {new string('x', Reply.BodyMaxLength)}  ",
            _ => body,
        };

        var result = await Threads.ReplyAsync(ideaId, null, body, false, customer, Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(expected == ThreadOutcome.Posted ? 1 : 0, (await StateAsync(ideaId)).Rows);
        if (result.Reply is { } reply)
        {
            Assert.Equal(Reply.BodyMaxLength, (await ReplyAsync(reply.Id)).Body.Length);
        }
    }

    [Theory]
    [InlineData("removed", Roles.Staff, ThreadOutcome.Closed)]
    [InlineData("removed", Roles.Customer, ThreadOutcome.NotFound)]
    [InlineData("merged", Roles.Customer, ThreadOutcome.Closed)]
    [InlineData("merged", Roles.Admin, ThreadOutcome.Closed)]
    public async Task Removed_and_merged_posts_take_no_replies(string state, string role, ThreadOutcome expected)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var viewer = await content.AddPersonAsync(role, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var target = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var earlier = (await Threads.ReplyAsync(ideaId, null, "Before.", false, author, Ct)).Reply!;
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == ideaId).ExecuteUpdateAsync(s =>
            {
                if (state == "removed")
                {
                    s.SetProperty(p => p.RemovedAt, DateTime.UtcNow);
                }
                else
                {
                    s.SetProperty(p => p.MergedIntoId, target);
                }
            }, Ct);
        }

        var before = await StateAsync(ideaId);

        Assert.Equal(expected, (await Threads.ReplyAsync(ideaId, null, "After.", false, viewer, Ct)).Outcome);
        Assert.NotEqual(ThreadOutcome.Edited, (await Threads.EditAsync(earlier.Id, "Changed.", author, Ct)).Outcome);
        Assert.Equal(before, await StateAsync(ideaId));
    }

    public void Dispose()
    {
        recorder.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<Viewer> ViewerAsync(string who, Viewer author) => who switch
    {
        "anonymous" => Viewer.Anonymous,
        "customer" => await content.AddPersonAsync(Roles.Customer, Ct),
        "author" => author,
        _ => await content.AddPersonAsync(who, Ct),
    };

    private async Task<Reply> ReplyAsync(long id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Replies.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
    }

    /// <summary>What a refusal must leave alone: the counters, the rows and their text.</summary>
    private async Task<ThreadState> StateAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = await db.Posts.Where(p => p.Id == postId).Select(p => new { p.ReplyCount, p.TrendWeight }).SingleAsync(Ct);
        var bodies = await db.Replies.Where(r => r.PostId == postId).OrderBy(r => r.Id).Select(r => r.Body + (r.EditedAt == null ? "" : " (edited)")).ToListAsync(Ct);
        return new(post.ReplyCount, post.TrendWeight, bodies.Count, string.Join("|", bodies));
    }

    private sealed record ThreadState(int ReplyCount, double TrendWeight, int Rows, string Bodies);

}

public sealed class SqliteThreadServiceTests(EmptyPortalFactory portal) : ThreadServiceTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresThreadServiceTests(PostgresPortalFactory portal) : ThreadServiceTests(portal), IClassFixture<PostgresPortalFactory>;
