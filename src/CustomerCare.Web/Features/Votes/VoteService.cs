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
/// truth; <see cref="Post.VoteCount"/> moves by exactly the rows inserted or deleted, in the same
/// transaction, so it never drifts under concurrency.
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
            .Select(p => new { p.Status, p.VoteCount }).FirstOrDefaultAsync(ct);
        if (post is null)
        {
            return new(VoteOutcome.NotFound, 0);
        }

        if (Closed.Contains(post.Status))
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

            // Write first: on SQLite a transaction that reads and then writes can be refused its lock.
            var removed = await db.Votes.Where(v => v.PostId == postId && v.UserId == userId).ExecuteDeleteAsync(ct);
            var added = 0;
            if (removed == 0)
            {
                db.Votes.Add(new Vote { PostId = postId, UserId = userId, CreatedAt = time.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(ct);
                added = 1;
            }

            var delta = added - removed;
            await db.Posts.Where(p => p.Id == postId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.VoteCount, p => p.VoteCount + delta), ct);
            var count = await db.Posts.Where(p => p.Id == postId).Select(p => p.VoteCount).FirstAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new VoteResult(added == 1 ? VoteOutcome.Voted : VoteOutcome.Withdrawn, count);
        });
    }
}
