using System.Collections.Concurrent;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Votes;

/// <summary>
/// Group commit on SQLite: toggles that wait for the write lock are applied in one transaction. Each test holds the
/// lock (a write transaction of its own) while it starts its toggles, so they all wait and the writer takes them as
/// one batch when the lock is given back; VoteService queues a toggle before its first await.
/// </summary>
public sealed class SqliteVoteBatchTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly TestContent content = new(portal);

    private VoteService Votes => portal.Services.GetRequiredService<VoteService>();

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Same_person_clicking_twice_in_one_batch_votes_then_withdraws_and_still_follows()
    {
        var ideaId = await NewIdeaAsync();
        var ann = await content.AddPersonAsync(Roles.Customer, Ct);
        var ben = await content.AddPersonAsync(Roles.Customer, Ct);
        var events = new ConcurrentQueue<VoteCountChanged>();
        using var subscription = portal.Services.GetRequiredService<ILiveBus>().Subscribe(LiveTopics.Post(ideaId), e =>
        {
            events.Enqueue(Assert.IsType<VoteCountChanged>(e));
            return Task.CompletedTask;
        });

        var results = await WhileLockHeldAsync(() =>
            [Votes.ToggleAsync(ideaId, ann, Ct), Votes.ToggleAsync(ideaId, ann, Ct), Votes.ToggleAsync(ideaId, ben, Ct)]);

        Assert.Equal(
            [new(VoteOutcome.Voted, 1), new(VoteOutcome.Withdrawn, 0), new(VoteOutcome.Voted, 1)],
            results);
        Assert.Equal((1, 1), await content.VotesAsync(ideaId, Ct));
        await AssertTrendMatchesRowsAsync(ideaId);

        // Voting followed the idea; taking the vote back does not unfollow (as when the clicks come one by one).
        Assert.Equal(new[] { ann.UserId!, ben.UserId! }.Order(StringComparer.Ordinal), (await FollowersAsync(ideaId)).Order(StringComparer.Ordinal));

        // One batch, one event per idea, with the count after the batch.
        Assert.Equal([1], events.Select(e => e.VoteCount));
    }

    [Fact]
    public async Task A_refused_toggle_does_not_fail_the_others_in_its_batch()
    {
        var open = await NewIdeaAsync();
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var shipped = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct, status: PostStatus.Shipped);
        var removed = await NewIdeaAsync();
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == removed).ExecuteUpdateAsync(s => s.SetProperty(p => p.RemovedAt, DateTime.UtcNow), Ct);
        }

        var ann = await content.AddPersonAsync(Roles.Customer, Ct);
        var ben = await content.AddPersonAsync(Roles.Customer, Ct);

        var results = await WhileLockHeldAsync(() =>
        [
            Votes.ToggleAsync(open, ann, Ct), Votes.ToggleAsync(shipped, ann, Ct),
            Votes.ToggleAsync(removed, ben, Ct), Votes.ToggleAsync(open, ben, Ct),
        ]);

        Assert.Equal(
            [new(VoteOutcome.Voted, 1), new(VoteOutcome.VotingClosed, 0), new(VoteOutcome.NotFound, 0), new(VoteOutcome.Voted, 2)],
            results);
        Assert.Equal((2, 2), await content.VotesAsync(open, Ct));
        Assert.Equal((0, 0), await content.VotesAsync(shipped, Ct));
        Assert.Equal((0, 0), await content.VotesAsync(removed, Ct));
        Assert.Empty(await FollowersAsync(shipped));
    }

    [Fact]
    public async Task A_database_error_fails_every_toggle_in_the_batch_and_writes_nothing()
    {
        var ideaId = await NewIdeaAsync();
        var ann = await content.AddPersonAsync(Roles.Customer, Ct);
        var ben = await content.AddPersonAsync(Roles.Customer, Ct);
        Assert.Equal(VoteOutcome.Voted, (await Votes.ToggleAsync(ideaId, ann, Ct)).Outcome);
        var (weightBefore, _) = await TrendAsync(ideaId);

        // A signed-in account deleted meanwhile: its vote row breaks the foreign key to the users table.
        var gone = TestContent.ViewerFor(Roles.Customer, Guid.NewGuid().ToString());
        var toggles = await WhileLockHeldAsync(() =>
            [Votes.ToggleAsync(ideaId, ann, Ct), Votes.ToggleAsync(ideaId, ben, Ct), Votes.ToggleAsync(ideaId, gone, Ct)], awaitAll: false);

        foreach (var toggle in toggles)
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => toggle);
        }

        // Ann's withdrawal and Ben's vote came before the failing insert, and neither is in the database.
        Assert.Equal((1, 1), await content.VotesAsync(ideaId, Ct));
        Assert.Equal(weightBefore, (await TrendAsync(ideaId)).Weight);
        Assert.Equal([ann.UserId!], await FollowersAsync(ideaId));
    }

    [Fact]
    public async Task A_caller_who_cancels_while_waiting_drops_out_and_the_others_are_applied()
    {
        var ideaId = await NewIdeaAsync();
        var ann = await content.AddPersonAsync(Roles.Customer, Ct);
        var ben = await content.AddPersonAsync(Roles.Customer, Ct);
        using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var toggles = await WhileLockHeldAsync(
            () => [Votes.ToggleAsync(ideaId, ann, leaving.Token), Votes.ToggleAsync(ideaId, ben, Ct)],
            thenWhileHeld: leaving.Cancel, awaitAll: false);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => toggles[0]);
        Assert.Equal(new VoteResult(VoteOutcome.Voted, 1), await toggles[1]);
        Assert.Equal((1, 1), await content.VotesAsync(ideaId, Ct));
        Assert.Equal([ben.UserId!], await FollowersAsync(ideaId));
    }

    /// <summary>Starts the toggles while this test holds SQLite's write lock, then gives it back.</summary>
    private async Task<Task<VoteResult>[]> WhileLockHeldAsync(
        Func<Task<VoteResult>[]> start, Action? thenWhileHeld = null, bool awaitAll = true)
    {
        Task<VoteResult>[] toggles;
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        await using (await db.BeginWriteTransactionAsync(Ct))
        {
            toggles = start();
            Assert.All(toggles, t => Assert.False(t.IsCompleted));
            thenWhileHeld?.Invoke();
        }

        if (awaitAll)
        {
            await Task.WhenAll(toggles);
        }

        return toggles;
    }

    private async Task<VoteResult[]> WhileLockHeldAsync(Func<Task<VoteResult>[]> start) =>
        await Task.WhenAll(await WhileLockHeldAsync(start, thenWhileHeld: null, awaitAll: true));

    private async Task<List<string>> FollowersAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.PostFollows.Where(f => f.PostId == postId && f.Following).Select(f => f.UserId).ToListAsync(Ct);
    }

    private async Task<(double Weight, double RowWeights)> TrendAsync(int ideaId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var weight = await db.Posts.Where(p => p.Id == ideaId).Select(p => p.TrendWeight).SingleAsync(Ct);
        var times = await db.Votes.Where(v => v.PostId == ideaId).Select(v => v.CreatedAt).ToListAsync(Ct);
        return (weight, times.Sum(Post.TrendWeightAt));
    }

    private async Task AssertTrendMatchesRowsAsync(int ideaId)
    {
        var (weight, rows) = await TrendAsync(ideaId);
        Assert.True(Math.Abs(weight - rows) <= 1e-9 * Math.Max(rows, 1), $"TrendWeight {weight:R} drifted from its rows' {rows:R}.");
    }

    private async Task<int> NewIdeaAsync()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        return await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
    }
}
