using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.SolvesIt;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.SolvesIt;

/// <summary>"Does this solve it for you?": one answer per person on a shipped idea, counted exactly, seen live on that idea only.</summary>
public abstract class SolvesItTests(PortalFactory portal) : IDisposable
{
    private readonly TestContent content = new(portal);
    private LiveEventRecorder? recorder;

    private SolvesItService Feedback => portal.Services.GetRequiredService<SolvesItService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_voter_and_a_customer_who_found_the_idea_answer_and_both_are_counted()
    {
        var ideaId = await NewIdeaAsync(PostStatus.InProgress);
        var voter = await content.AddPersonAsync(Roles.Customer, Ct);
        Assert.Equal(VoteOutcome.Voted, (await portal.Services.GetRequiredService<VoteService>().ToggleAsync(ideaId, voter, Ct)).Outcome);
        await content.SetStatusAsync(ideaId, PostStatus.Shipped, Ct);
        var passerBy = await content.AddPersonAsync(Roles.Customer, Ct);

        var first = await Feedback.AnswerAsync(ideaId, solves: true, voter, Ct);
        var second = await Feedback.AnswerAsync(ideaId, solves: false, passerBy, Ct);

        Assert.Equal(new SolvesItResult(SolvesItOutcome.Answered, new(1, 0, true)), first);
        Assert.Equal(new SolvesItResult(SolvesItOutcome.Answered, new(1, 1, false)), second);
        Assert.Equal(new SolvesItView(1, 1, true), await Feedback.GetAsync(ideaId, voter, Ct));
        Assert.Equal(new SolvesItView(1, 1, null), await Feedback.GetAsync(ideaId, Viewer.Anonymous, Ct));
    }

    [Fact]
    public async Task Changing_your_mind_updates_your_answer_and_keeps_one_row()
    {
        var ideaId = await NewIdeaAsync();
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);

        await Feedback.AnswerAsync(ideaId, solves: false, customer, Ct);
        var changed = await Feedback.AnswerAsync(ideaId, solves: true, customer, Ct);
        var again = await Feedback.AnswerAsync(ideaId, solves: true, customer, Ct);

        Assert.Equal(new SolvesItView(1, 0, true), changed.Feedback);
        Assert.Equal(new SolvesItView(1, 0, true), again.Feedback);
        Assert.Equal([true], await RowsAsync(ideaId));
    }

    [Theory]
    [InlineData(PostStatus.Open)]
    [InlineData(PostStatus.Planned)]
    [InlineData(PostStatus.InProgress)]
    [InlineData(PostStatus.Declined)]
    public async Task An_idea_that_has_not_shipped_asks_nothing(PostStatus status)
    {
        var ideaId = await NewIdeaAsync(status);
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var events = Listen(ideaId);

        var result = await Feedback.AnswerAsync(ideaId, solves: true, customer, Ct);

        Assert.Equal(SolvesItOutcome.NotShipped, result.Outcome);
        Assert.Equal("SolvesIt_NotShipped", result.MessageKey);
        Assert.Null(result.Feedback);
        Assert.Empty(await RowsAsync(ideaId));
        Assert.Empty(events);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_asked_to_sign_in_and_nothing_is_counted()
    {
        var ideaId = await NewIdeaAsync();
        var events = Listen(ideaId);

        var result = await Feedback.AnswerAsync(ideaId, solves: true, Viewer.Anonymous, Ct);

        Assert.Equal(SolvesItOutcome.SignInRequired, result.Outcome);
        Assert.Empty(await RowsAsync(ideaId));
        Assert.Empty(events);
    }

    [Theory]
    [InlineData(Roles.Customer)]
    [InlineData(Roles.Staff)]
    public async Task A_removed_idea_takes_no_answers_from_anyone(string role)
    {
        var ideaId = await NewIdeaAsync();
        var viewer = await content.AddPersonAsync(role, Ct);
        await using (var db = await DbAsync())
        {
            await db.Posts.Where(p => p.Id == ideaId).ExecuteUpdateAsync(s => s.SetProperty(p => p.RemovedAt, DateTime.UtcNow), Ct);
        }

        var result = await Feedback.AnswerAsync(ideaId, solves: true, viewer, Ct);

        Assert.Equal(SolvesItOutcome.NotFound, result.Outcome);
        Assert.Empty(await RowsAsync(ideaId));
    }

    [Fact]
    public async Task A_private_idea_is_not_found_for_other_customers_but_its_author_may_answer()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct, isPublic: false, status: PostStatus.Shipped);
        var stranger = await content.AddPersonAsync(Roles.Customer, Ct);

        var refused = await Feedback.AnswerAsync(ideaId, solves: true, stranger, Ct);
        var own = await Feedback.AnswerAsync(ideaId, solves: true, author, Ct);

        Assert.Equal(SolvesItOutcome.NotFound, refused.Outcome);
        Assert.Null(await Feedback.GetAsync(ideaId, stranger, Ct));
        Assert.Equal(SolvesItOutcome.Answered, own.Outcome);
        Assert.Equal([true], await RowsAsync(ideaId));
    }

    [Fact]
    public async Task Merged_duplicates_complaints_and_unknown_posts_take_no_answers()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var originalId = await NewIdeaAsync();
        var duplicateId = await NewIdeaAsync();
        await using (var db = await DbAsync())
        {
            await db.Posts.Where(p => p.Id == duplicateId).ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoId, originalId), Ct);
        }

        var complaintId = await content.AddPostAsync(PostKind.Complaint, customer.UserId!, Ct, status: PostStatus.Shipped);

        Assert.Equal(SolvesItOutcome.Merged, (await Feedback.AnswerAsync(duplicateId, true, customer, Ct)).Outcome);
        Assert.Equal(SolvesItOutcome.NotFound, (await Feedback.AnswerAsync(complaintId, true, customer, Ct)).Outcome);
        Assert.Equal(SolvesItOutcome.NotFound, (await Feedback.AnswerAsync(int.MaxValue, true, customer, Ct)).Outcome);
        Assert.Empty(await RowsAsync(duplicateId));
        Assert.Empty(await RowsAsync(complaintId));
    }

    [Fact]
    public async Task Thirty_people_answering_at_once_are_counted_exactly()
    {
        var ideaId = await NewIdeaAsync();
        var people = await content.AddUsersAsync(30, Roles.Customer, Ct);

        var results = await Task.WhenAll(people.Select((id, i) => Task.Run(
            () => Feedback.AnswerAsync(ideaId, solves: i % 3 != 0, TestContent.ViewerFor(Roles.Customer, id), Ct), Ct)));

        Assert.All(results, r => Assert.Equal(SolvesItOutcome.Answered, r.Outcome));
        Assert.Equal(new SolvesItView(20, 10, null), await Feedback.GetAsync(ideaId, Viewer.Anonymous, Ct));
        Assert.Equal(30, (await RowsAsync(ideaId)).Count);
    }

    [Fact]
    public async Task One_persons_answers_racing_from_several_tabs_leave_one_row()
    {
        var ideaId = await NewIdeaAsync();
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(
            () => Feedback.AnswerAsync(ideaId, solves: i % 2 == 0, customer, Ct), Ct)));

        Assert.All(results, r => Assert.Equal(SolvesItOutcome.Answered, r.Outcome));
        var row = Assert.Single(await RowsAsync(ideaId));
        var view = await Feedback.GetAsync(ideaId, customer, Ct);
        Assert.Equal(row ? (1, 0) : (0, 1), (view!.Solves, view.NotYet));
    }

    [Fact]
    public async Task An_answer_is_published_with_the_new_counts_on_that_ideas_topic_only()
    {
        var ideaId = await NewIdeaAsync();
        var otherId = await NewIdeaAsync();
        var ann = await content.AddPersonAsync(Roles.Customer, Ct);
        var ben = await content.AddPersonAsync(Roles.Customer, Ct);
        await Feedback.AnswerAsync(ideaId, solves: true, ann, Ct);
        var events = Listen(ideaId);
        var elsewhere = Listen(otherId);

        await Feedback.AnswerAsync(ideaId, solves: false, ben, Ct);

        var published = Assert.IsType<SolvesItChanged>(Assert.Single(events));
        Assert.Equal((ideaId, 1, 1, LiveTopics.Post(ideaId)), (published.PostId, published.Solves, published.NotYet, published.Topic));
        Assert.Empty(elsewhere);

        // It travels between servers like every other event.
        var trip = LiveEventSerializer.Deserialize(LiveEventSerializer.Serialize(new LiveMessage("server-a", published)));
        Assert.Equal(published, trip.Event);
    }

    public void Dispose()
    {
        recorder?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<int> NewIdeaAsync(PostStatus status = PostStatus.Shipped)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        return await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct, status: status);
    }

    private List<LiveEvent> Listen(params int[] postIds) =>
        (recorder ??= new(portal.Services.GetRequiredService<ILiveBus>())).Listen(postIds);

    private Task<CareDb> DbAsync() => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);

    private async Task<List<bool>> RowsAsync(int postId)
    {
        await using var db = await DbAsync();
        return await db.SolvesItAnswers.AsNoTracking().Where(f => f.PostId == postId).Select(f => f.Solves).ToListAsync(Ct);
    }
}

public sealed class SqliteSolvesItTests(EmptyPortalFactory portal) : SolvesItTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresSolvesItTests(PostgresPortalFactory portal) : SolvesItTests(portal), IClassFixture<PostgresPortalFactory>;
