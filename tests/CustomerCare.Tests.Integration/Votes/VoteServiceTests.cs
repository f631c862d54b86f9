using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Votes;

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

    [Fact]
    public async Task A_vote_by_an_account_deleted_meanwhile_is_refused_not_answered_as_a_vote()
    {
        var ideaId = await NewIdeaAsync();
        var ann = await content.AddPersonAsync(Roles.Customer, Ct);
        Assert.Equal(VoteOutcome.Voted, (await Votes.ToggleAsync(ideaId, ann, Ct)).Outcome);

        // Still signed in, but the account is gone: its vote row breaks the foreign key to the users table.
        var gone = TestContent.ViewerFor(Roles.Customer, Guid.NewGuid().ToString());

        await Assert.ThrowsAsync<DbUpdateException>(() => Votes.ToggleAsync(ideaId, gone, Ct));
        Assert.Equal((1, 1), await content.VotesAsync(ideaId, Ct));
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
    public async Task Two_hundred_people_voting_at_once_leave_exactly_two_hundred_votes()
    {
        var ideaId = await NewIdeaAsync();
        var voters = await content.AddUsersAsync(200, Roles.Customer, Ct);

        var results = await Task.WhenAll(voters.Select(id => Task.Run(
            () => Votes.ToggleAsync(ideaId, TestContent.ViewerFor(Roles.Customer, id), Ct), Ct)));

        Assert.All(results, r => Assert.Equal(VoteOutcome.Voted, r.Outcome));
        Assert.Equal((200, 200), await content.VotesAsync(ideaId, Ct));

        // Each vote saw the counter it produced: the increments were serialized, none lost or doubled.
        Assert.Equal(Enumerable.Range(1, 200), results.Select(r => r.VoteCount).Order());

        // The trend weight is the sum of what each vote row adds, so none of its additions was lost either.
        var (weight, rowWeights) = await TrendAsync(ideaId);
        AssertClose(rowWeights, weight);
    }

    [Fact]
    public async Task People_voting_and_withdrawing_at_once_leave_exact_counts_and_see_their_own_outcomes()
    {
        int[] ideas = [await NewIdeaAsync(), await NewIdeaAsync(), await NewIdeaAsync()];
        var voters = await content.AddUsersAsync(30, Roles.Customer, Ct);

        // Each person toggles the same few ideas again and again, so votes and withdrawals race on every idea.
        var finals = await Task.WhenAll(voters.Select((id, person) => Task.Run(async () =>
        {
            var viewer = TestContent.ViewerFor(Roles.Customer, id);
            var mine = new bool[ideas.Length];
            for (var k = 0; k < 12; k++)
            {
                var pick = (person + (k * k)) % ideas.Length;
                var result = await Votes.ToggleAsync(ideas[pick], viewer, Ct);
                Assert.Equal(mine[pick] ? VoteOutcome.Withdrawn : VoteOutcome.Voted, result.Outcome);
                mine[pick] = !mine[pick];
            }

            return mine;
        }, Ct)));

        for (var i = 0; i < ideas.Length; i++)
        {
            var want = finals.Count(mine => mine[i]);
            Assert.Equal((want, want), await content.VotesAsync(ideas[i], Ct));
            var (weight, rowWeights) = await TrendAsync(ideas[i]);
            Assert.True(Math.Abs(weight - rowWeights) <= 1e-6, $"TrendWeight {weight:R} drifted from its rows' {rowWeights:R}.");
        }
    }

    [Fact]
    public async Task People_toggling_at_once_follow_what_they_voted_for_except_who_unfollowed()
    {
        int[] ideas = [await NewIdeaAsync(), await NewIdeaAsync()];
        var voters = await content.AddUsersAsync(24, Roles.Customer, Ct);
        var unfollowed = voters[0];
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            db.PostFollows.Add(new PostFollow { UserId = unfollowed, PostId = ideas[0], Following = false, Reason = FollowReason.Chose, Since = Now });
            await db.SaveChangesAsync(Ct);
        }

        // Everyone votes on both ideas; every other person also withdraws and votes again, so the follow's insert
        // races withdrawals and second votes of the same person.
        var results = await Task.WhenAll(voters.Select((id, person) => Task.Run(async () =>
        {
            var viewer = TestContent.ViewerFor(Roles.Customer, id);
            var rounds = person % 2 == 0 ? 3 : 1;
            var last = new List<VoteResult>();
            for (var k = 0; k < rounds; k++)
            {
                last.Add(await Votes.ToggleAsync(ideas[(person + k) % 2], viewer, Ct));
                last.Add(await Votes.ToggleAsync(ideas[(person + k + 1) % 2], viewer, Ct));
            }

            return last;
        }, Ct)));

        Assert.All(results.SelectMany(r => r), r => Assert.True(r.Changed));
        Assert.Equal((voters.Count, voters.Count), await content.VotesAsync(ideas[0], Ct));
        Assert.Equal((voters.Count, voters.Count), await content.VotesAsync(ideas[1], Ct));
        await using var check = await Dbs.CreateDbContextAsync(Ct);
        var follows = await check.PostFollows.Where(f => ideas.Contains(f.PostId) && voters.Contains(f.UserId))
            .Select(f => new { f.PostId, f.UserId, f.Following }).ToListAsync(Ct);
        Assert.Equal(2 * voters.Count, follows.Count);
        Assert.All(follows, f => Assert.Equal(f.UserId != unfollowed || f.PostId != ideas[0], f.Following));
    }

    [Fact]
    public async Task Vote_adds_its_trend_weight_and_withdrawing_takes_it_back()
    {
        var ideaId = await NewIdeaAsync();
        var early = await content.AddPersonAsync(Roles.Customer, Ct);
        var ann = await content.AddPersonAsync(Roles.Customer, Ct);
        await Votes.ToggleAsync(ideaId, early, Ct);
        var (before, _) = await TrendAsync(ideaId);
        Assert.True(before > 0);

        Assert.Equal(VoteOutcome.Voted, (await Votes.ToggleAsync(ideaId, ann, Ct)).Outcome);
        var (afterVote, _) = await TrendAsync(ideaId);
        AssertClose(before + Post.TrendWeightAt(await VoteTimeAsync(ideaId, ann.UserId!)), afterVote);
        AssertClose(before + Post.TrendWeightAt(Now), afterVote, tolerance: 1e-6); // cast just now

        Assert.Equal(VoteOutcome.Withdrawn, (await Votes.ToggleAsync(ideaId, ann, Ct)).Outcome);
        var (afterWithdrawal, rows) = await TrendAsync(ideaId);
        AssertClose(before, afterWithdrawal);
        AssertClose(rows, afterWithdrawal);
    }

    [Fact]
    public async Task Voting_on_a_merged_idea_is_closed_and_changes_nothing()
    {
        var target = await NewIdeaAsync();
        var duplicate = await NewIdeaAsync();
        var early = await content.AddPersonAsync(Roles.Customer, Ct);
        var late = await content.AddPersonAsync(Roles.Customer, Ct);
        await Votes.ToggleAsync(duplicate, early, Ct);
        var (weight, _) = await TrendAsync(duplicate);
        await UpdateAsync(duplicate, s => s.SetProperty(p => p.MergedIntoId, target));

        Assert.Equal(new VoteResult(VoteOutcome.VotingClosed, 1), await Votes.ToggleAsync(duplicate, late, Ct));
        Assert.Equal(new VoteResult(VoteOutcome.VotingClosed, 1), await Votes.ToggleAsync(duplicate, early, Ct));
        Assert.Equal((1, 1), await content.VotesAsync(duplicate, Ct));
        Assert.Equal(weight, (await TrendAsync(duplicate)).Weight);
    }

    [Fact]
    public async Task Voting_on_a_removed_idea_finds_nothing_and_changes_nothing()
    {
        var ideaId = await NewIdeaAsync();
        var voter = await content.AddPersonAsync(Roles.Customer, Ct);
        await UpdateAsync(ideaId, s => s.SetProperty(p => p.RemovedAt, Now));

        Assert.Equal(VoteOutcome.NotFound, (await Votes.ToggleAsync(ideaId, voter, Ct)).Outcome);
        Assert.Equal((0, 0), await content.VotesAsync(ideaId, Ct));
        Assert.Equal(0, (await TrendAsync(ideaId)).Weight);
    }

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private DateTime Now => portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private static void AssertClose(double expected, double actual, double tolerance = 1e-9) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(Math.Abs(expected), 1e-300),
            $"Expected {expected:R}, got {actual:R} (relative tolerance {tolerance}).");

    /// <summary>The post's trend weight and the sum of what its vote rows add.</summary>
    private async Task<(double Weight, double RowWeights)> TrendAsync(int ideaId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var weight = await db.Posts.Where(p => p.Id == ideaId).Select(p => p.TrendWeight).SingleAsync(Ct);
        var times = await db.Votes.Where(v => v.PostId == ideaId).Select(v => v.CreatedAt).ToListAsync(Ct);
        return (weight, times.Sum(Post.TrendWeightAt));
    }

    private async Task<DateTime> VoteTimeAsync(int ideaId, string userId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Votes.Where(v => v.PostId == ideaId && v.UserId == userId).Select(v => v.CreatedAt).SingleAsync(Ct);
    }

    private async Task UpdateAsync(int ideaId, Action<UpdateSettersBuilder<Post>> set)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Posts.Where(p => p.Id == ideaId).ExecuteUpdateAsync(set, Ct);
    }

    private async Task<int> NewIdeaAsync()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        return await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
    }
}

public sealed class SqliteVoteServiceTests(PortalFactory portal) : VoteServiceTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresVoteServiceTests(PostgresPortalFactory portal) : VoteServiceTests(portal), IClassFixture<PostgresPortalFactory>;
