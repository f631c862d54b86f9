using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Posts;

/// <summary>One vote per person per idea; the counter never drifts from the vote rows.</summary>
public abstract class VoteServiceTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private VoteService Votes => portal.Services.GetRequiredService<VoteService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Vote_then_second_click_takes_it_back_with_exact_counts()
    {
        var ideaId = await NewIdeaAsync();
        var ann = await content.AddPersonAsync(Roles.Customer, Ct);
        var ben = await content.AddPersonAsync(Roles.Customer, Ct);

        Assert.Equal(new VoteResult(VoteOutcome.Voted, 1), await Votes.ToggleAsync(ideaId, ann, Ct));
        Assert.Equal(new VoteResult(VoteOutcome.Voted, 2), await Votes.ToggleAsync(ideaId, ben, Ct));
        Assert.Equal((2, 2), await content.VotesAsync(ideaId, Ct));

        Assert.Equal(new VoteResult(VoteOutcome.Withdrawn, 1), await Votes.ToggleAsync(ideaId, ann, Ct));
        Assert.Equal((1, 1), await content.VotesAsync(ideaId, Ct));

        Assert.Equal(new VoteResult(VoteOutcome.Voted, 2), await Votes.ToggleAsync(ideaId, ann, Ct));
        Assert.Equal((2, 2), await content.VotesAsync(ideaId, Ct));
    }

    [Theory]
    [InlineData(PostStatus.Shipped)]
    [InlineData(PostStatus.Declined)]
    public async Task Voting_on_a_closed_idea_is_refused_and_changes_nothing(PostStatus closed)
    {
        var ideaId = await NewIdeaAsync();
        var early = await content.AddPersonAsync(Roles.Customer, Ct);
        var late = await content.AddPersonAsync(Roles.Customer, Ct);
        Assert.Equal(VoteOutcome.Voted, (await Votes.ToggleAsync(ideaId, early, Ct)).Outcome);
        await content.SetStatusAsync(ideaId, closed, Ct);

        var newVote = await Votes.ToggleAsync(ideaId, late, Ct);
        var withdrawal = await Votes.ToggleAsync(ideaId, early, Ct);

        Assert.Equal(new VoteResult(VoteOutcome.VotingClosed, 1), newVote);
        Assert.Equal(new VoteResult(VoteOutcome.VotingClosed, 1), withdrawal);
        Assert.False(newVote.Changed);
        Assert.Equal((1, 1), await content.VotesAsync(ideaId, Ct));
    }

    [Fact]
    public async Task Anonymous_visitor_is_asked_to_sign_in_and_nothing_changes()
    {
        var ideaId = await NewIdeaAsync();

        var result = await Votes.ToggleAsync(ideaId, Viewer.Anonymous, Ct);

        Assert.Equal(VoteOutcome.SignInRequired, result.Outcome);
        Assert.False(result.Changed);
        Assert.Equal((0, 0), await content.VotesAsync(ideaId, Ct));
    }

    [Fact]
    public async Task Complaints_and_unknown_posts_cannot_be_voted_on()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var complaintId = await content.AddPostAsync(PostKind.Complaint, customer.UserId!, Ct);

        Assert.Equal(VoteOutcome.NotFound, (await Votes.ToggleAsync(complaintId, customer, Ct)).Outcome);
        Assert.Equal(VoteOutcome.NotFound, (await Votes.ToggleAsync(int.MaxValue, customer, Ct)).Outcome);
        Assert.Equal((0, 0), await content.VotesAsync(complaintId, Ct));
    }

    [Fact]
    public async Task Fifty_people_voting_at_once_leave_exactly_fifty_votes()
    {
        var ideaId = await NewIdeaAsync();
        var voters = await content.AddUsersAsync(50, Roles.Customer, Ct);

        var results = await Task.WhenAll(voters.Select(id => Task.Run(
            () => Votes.ToggleAsync(ideaId, TestContent.ViewerFor(Roles.Customer, id), Ct), Ct)));

        Assert.All(results, r => Assert.Equal(VoteOutcome.Voted, r.Outcome));
        Assert.Equal((50, 50), await content.VotesAsync(ideaId, Ct));

        // Each vote saw the counter it produced: the increments were serialized, none lost or doubled.
        Assert.Equal(Enumerable.Range(1, 50), results.Select(r => r.VoteCount).Order());
    }

    private async Task<int> NewIdeaAsync()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        return await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
    }
}

public sealed class SqliteVoteServiceTests(PortalFactory portal) : VoteServiceTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresVoteServiceTests(PostgresPortalFactory portal) : VoteServiceTests(portal), IClassFixture<PostgresPortalFactory>;
