using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Webhooks;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Votes;

public enum VoteOutcome
{
    Voted,
    Withdrawn,
    SignInRequired,
    NotFound,
    VotingClosed,

    /// <summary>The person cast as many votes as their limit allows for now (withdrawing is never refused).</summary>
    LimitReached,
    /// <summary>The team blocked the voter; <see cref="VoteResult.Block"/> says why.</summary>
    Blocked,
}

/// <summary>What became of a toggle; <see cref="RetryAfter"/> says how long a voter at their limit waits.</summary>
public sealed record VoteResult(VoteOutcome Outcome, int VoteCount, TimeSpan? RetryAfter = null)
{
    public bool Changed => Outcome is VoteOutcome.Voted or VoteOutcome.Withdrawn;

    public PostingBlock? Block { get; init; }
}

/// <summary>
/// One vote per person per idea; a second click takes it back. The unique index on (post, user) is the
/// truth; <see cref="Post.VoteCount"/> and <see cref="Post.TrendWeight"/> move by exactly the rows inserted or
/// deleted, in the same transaction, so they never drift under concurrency. On SQLite, whose one write lock makes
/// writers take turns, toggles that wait for it are applied together (<see cref="SqliteVoteBatch"/>); PostgreSQL and
/// SQL Server lock rows, so there each toggle is its own transaction and they run side by side.
/// </summary>
public sealed class VoteService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, ActivityLimits limits, PostingRights rights, WebhookPublisher webhooks,
    CareMetrics metrics)
{
    private readonly SqliteVoteBatch sqlite = new(dbs, bus, time, limits);
    private readonly Lazy<bool> onSqlite = new(() =>
    {
        using var db = dbs.CreateDbContext();
        return db.Database.IsSqlite();
    });

    public async Task<VoteResult> ToggleAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(VoteOutcome.SignInRequired, 0);
        }

        if (await rights.BlockOfAsync(viewer, ct) is { } block)
        {
            return new(VoteOutcome.Blocked, 0) { Block = block };
        }

        if (onSqlite.Value)
        {
            var batched = await sqlite.ToggleAsync(postId, userId, viewer.WorksHere, ct);
            if (batched.Changed)
            {
                metrics.VoteChanged(added: batched.Outcome == VoteOutcome.Voted);
                await webhooks.VotesChangedAsync(postId);
            }

            return batched;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        VoteResult result;
        try
        {
            result = await ToggleInTransactionAsync(db, postId, viewer, ct);
        }
        catch (DbUpdateException)
        {
            // The same person's second click raced the first: the unique index kept one vote. Any other refusal
            // (an account deleted meanwhile) leaves no vote and is not answered as one.
            if (!await HasVoteAsync(postId, userId, ct))
            {
                throw;
            }

            var count = await db.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => p.VoteCount).FirstAsync(ct);
            return new(VoteOutcome.Voted, count);
        }

        if (result.Changed)
        {
            metrics.VoteChanged(added: result.Outcome == VoteOutcome.Voted);
            var now = time.GetUtcNow().UtcDateTime;
            await bus.PublishAsync(new VoteCountChanged(postId, result.VoteCount, now), ct);

            // Voting follows unless the person unfollowed: their own follow buttons read it again.
            if (result.Outcome == VoteOutcome.Voted)
            {
                await bus.PublishAsync(new FollowChanged(userId, postId, now), ct);
            }

            await webhooks.VotesChangedAsync(postId);
        }

        return result;
    }

    /// <summary>
    /// Shipped and declined ideas take no more votes; a merged idea's votes moved to the idea it was merged into,
    /// which is where people vote now.
    /// </summary>
    public static bool VotingClosed(PostStatus status, int? mergedIntoId) =>
        status is PostStatus.Shipped or PostStatus.Declined || mergedIntoId is not null;

    private async Task<bool> HasVoteAsync(int postId, string userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Votes.AnyAsync(v => v.PostId == postId && v.UserId == userId, ct);
    }

    private async Task<VoteResult> ToggleInTransactionAsync(CareDb db, int postId, Viewer viewer, CancellationToken ct)
    {
        var userId = viewer.UserId!;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.BeginWriteTransactionAsync(ct);

            // One read, in the transaction, for all the toggle decides on: the idea's state, this person's vote
            // and whether they have a follow row. A racing delete shows in the row count, a racing insert in the
            // unique index.
            var state = await db.Posts.Where(p => p.Id == postId && p.Kind == PostKind.Idea)
                .Select(p => new
                {
                    p.Status,
                    p.VoteCount,
                    p.MergedIntoId,
                    p.RemovedAt,
                    p.HeldAt,
                    VoteId = p.Votes.Where(v => v.UserId == userId).Select(v => (long?)v.Id).FirstOrDefault(),
                    VotedAt = p.Votes.Where(v => v.UserId == userId).Select(v => (DateTime?)v.CreatedAt).FirstOrDefault(),
                    Followed = db.PostFollows.Any(f => f.UserId == userId && f.PostId == p.Id),
                    VoterSince = db.Users.Where(u => u.Id == userId).Select(u => (DateTime?)u.CustomerSince).FirstOrDefault(),
                })
                .FirstOrDefaultAsync(ct);
            // An idea that waits for approval takes votes only once approved.
            if (state is null || state.RemovedAt is not null || state.HeldAt is not null)
            {
                return new VoteResult(VoteOutcome.NotFound, 0);
            }

            if (VotingClosed(state.Status, state.MergedIntoId))
            {
                return new VoteResult(VoteOutcome.VotingClosed, state.VoteCount);
            }

            int delta;
            double weight;
            DateTime castAt;
            if (state is { VoteId: { } voteId, VotedAt: { } votedAt })
            {
                // The withdrawn vote takes back exactly the weight it added when it was cast.
                delta = -await db.Votes.Where(v => v.Id == voteId).ExecuteDeleteAsync(ct);
                weight = delta * Post.TrendWeightAt(votedAt);
                castAt = votedAt;
            }
            else
            {
                // A new vote counts against the voter's limit; taking one back never does.
                if (await limits.RefusalAsync(db, viewer, LimitedAct.Vote, ct) is { } wait)
                {
                    return new VoteResult(VoteOutcome.LimitReached, state.VoteCount, wait);
                }

                // Whole milliseconds survive every provider's timestamp, so the weight a withdrawal reads
                // back from CreatedAt is exactly the weight added here.
                var now = time.StoredUtcNow();
                db.Votes.Add(new Vote { PostId = postId, UserId = userId, CreatedAt = now });

                // A refused vote fails the whole toggle (the caller answers it), so a savepoint would buy nothing.
                db.Database.AutoSavepointsEnabled = false;
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                finally
                {
                    db.Database.AutoSavepointsEnabled = true;
                }

                // A racing follow may land first; AddFollowAsync saves it to its own savepoint so the unique index
                // refusing it cannot undo the vote.
                if (!state.Followed)
                {
                    await Notifications.FollowService.AddFollowAsync(db, userId, postId, FollowReason.Voted, now, ct);
                }

                delta = 1;
                weight = Post.TrendWeightAt(now);
                castAt = now;
            }

            var (loyal, newcomer) = Post.VoterBand(state.VoterSince, castAt);
            await db.Posts.Where(p => p.Id == postId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.VoteCount, p => p.VoteCount + delta)
                    .SetProperty(p => p.LoyalVoteCount, p => p.LoyalVoteCount + loyal * delta)
                    .SetProperty(p => p.NewcomerVoteCount, p => p.NewcomerVoteCount + newcomer * delta)
                    .SetProperty(p => p.TrendWeight, p => p.TrendWeight + weight), ct);

            // Another voter may have moved the count since the read; after our update the row is locked and the
            // read back is exact.
            var count = await db.Posts.Where(p => p.Id == postId).Select(p => p.VoteCount).FirstAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new VoteResult(state.VoteId is null ? VoteOutcome.Voted : VoteOutcome.Withdrawn, count);
        });
    }
}
