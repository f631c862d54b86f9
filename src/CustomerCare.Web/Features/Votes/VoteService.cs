using CustomerCare.Data;
using CustomerCare.Data.Entities;
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
}

public sealed record VoteResult(VoteOutcome Outcome, int VoteCount)
{
    public bool Changed => Outcome is VoteOutcome.Voted or VoteOutcome.Withdrawn;
}

/// <summary>
/// One vote per person per idea; a second click takes it back. The unique index on (post, user) is the
/// truth; <see cref="Post.VoteCount"/> and <see cref="Post.TrendWeight"/> move by exactly the rows inserted or
/// deleted, in the same transaction, so they never drift under concurrency.
/// </summary>
public sealed class VoteService(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time)
{
    private static readonly PostStatus[] Closed = [PostStatus.Shipped, PostStatus.Declined];

    public async Task<VoteResult> ToggleAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(VoteOutcome.SignInRequired, 0);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == postId && p.Kind == PostKind.Idea)
            .Select(p => new { p.Status, p.VoteCount, p.MergedIntoId, p.RemovedAt }).FirstOrDefaultAsync(ct);
        if (post is null || post.RemovedAt is not null)
        {
            return new(VoteOutcome.NotFound, 0);
        }

        // A merged idea's votes moved to the idea it was merged into; that is where people vote now.
        if (Closed.Contains(post.Status) || post.MergedIntoId is not null)
        {
            return new(VoteOutcome.VotingClosed, post.VoteCount);
        }

        VoteResult result;
        try
        {
            result = await ToggleInTransactionAsync(db, postId, userId, ct);
        }
        catch (DbUpdateException)
        {
            // The same person's second click raced the first: the unique index kept one vote.
            var count = await db.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => p.VoteCount).FirstAsync(ct);
            return new(VoteOutcome.Voted, count);
        }

        await bus.PublishAsync(new VoteCountChanged(postId, result.VoteCount, time.GetUtcNow().UtcDateTime), ct);
        return result;
    }

    private async Task<VoteResult> ToggleInTransactionAsync(CareDb db, int postId, string userId, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);

            // On SQLite EF begins IMMEDIATE transactions, which take the write lock up front, so reading
            // the vote before writing is safe there; on PostgreSQL a racing delete shows in the row count.
            var existing = await db.Votes.Where(v => v.PostId == postId && v.UserId == userId)
                .Select(v => new { v.Id, v.CreatedAt }).FirstOrDefaultAsync(ct);
            int delta;
            double weight;
            if (existing is not null)
            {
                // The withdrawn vote takes back exactly the weight it added when it was cast.
                delta = -await db.Votes.Where(v => v.Id == existing.Id).ExecuteDeleteAsync(ct);
                weight = delta * Post.TrendWeightAt(existing.CreatedAt);
            }
            else
            {
                // Whole milliseconds survive every provider's timestamp, so the weight a withdrawal reads
                // back from CreatedAt is exactly the weight added here.
                var now = time.GetUtcNow().UtcDateTime;
                now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
                db.Votes.Add(new Vote { PostId = postId, UserId = userId, CreatedAt = now });
                await db.SaveChangesAsync(ct);
                await Notifications.FollowService.FollowUnlessUnfollowedAsync(db, userId, postId, FollowReason.Voted, now, ct);
                delta = 1;
                weight = Post.TrendWeightAt(now);
            }

            await db.Posts.Where(p => p.Id == postId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.VoteCount, p => p.VoteCount + delta)
                    .SetProperty(p => p.TrendWeight, p => p.TrendWeight + weight), ct);
            var count = await db.Posts.Where(p => p.Id == postId).Select(p => p.VoteCount).FirstAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new VoteResult(existing is null ? VoteOutcome.Voted : VoteOutcome.Withdrawn, count);
        });
    }
}
