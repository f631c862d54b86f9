using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Notifications;

/// <summary>Where someone follows a post from, and why; null Reason when they do not follow it.</summary>
public sealed record FollowState(bool Following, FollowReason? Reason);

/// <summary>
/// Following ideas, complaints and categories. Authors, voters and repliers follow automatically (the acts call
/// <see cref="FollowUnlessUnfollowedAsync"/> in their own operation); an unfollow is a row with Following false, so
/// voting or replying again never undoes it. A post is followed only by someone who may see it.
/// </summary>
public sealed class FollowService(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time)
{
    public async Task<FollowState> GetAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(false, null);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var row = await db.PostFollows.AsNoTracking().Where(f => f.UserId == userId && f.PostId == postId)
            .Select(f => new { f.Following, f.Reason }).FirstOrDefaultAsync(ct);
        return row is { Following: true } ? new(true, row.Reason) : new(false, null);
    }

    public async Task<bool> IsFollowingAsync(int postId, Viewer viewer, CancellationToken ct = default) =>
        (await GetAsync(postId, viewer, ct)).Following;

    /// <summary>Follows (true) or unfollows (false) a post the viewer may see; false when they may not (or are anonymous).</summary>
    public async Task<bool> SetPostAsync(int postId, bool follow, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return false;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).AnyAsync(p => p.Id == postId && p.RemovedAt == null, ct))
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.PostFollows.Where(f => f.UserId == userId && f.PostId == postId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Following, follow).SetProperty(f => f.Reason, FollowReason.Chose).SetProperty(f => f.Since, now), ct);
        if (changed == 0)
        {
            db.PostFollows.Add(new PostFollow { UserId = userId, PostId = postId, Following = follow, Reason = FollowReason.Chose, Since = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A second tab (or a vote) wrote the row meanwhile: the explicit choice wins.
                db.ChangeTracker.Clear();
                await db.PostFollows.Where(f => f.UserId == userId && f.PostId == postId)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.Following, follow).SetProperty(f => f.Reason, FollowReason.Chose), ct);
            }
        }

        // The reader's other tabs of this post show the choice too.
        await bus.PublishAsync(new FollowChanged(userId, postId, now), ct);
        return true;
    }

    public async Task<bool> IsFollowingCategoryAsync(int categoryId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        return viewer.UserId is { } userId && await db.CategoryFollows.AnyAsync(f => f.UserId == userId && f.CategoryId == categoryId, ct);
    }

    /// <summary>Follows (true) or unfollows (false) a category; false for anonymous viewers and unknown categories.</summary>
    public async Task<bool> SetCategoryAsync(int categoryId, bool follow, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return false;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Categories.AnyAsync(c => c.Id == categoryId, ct))
        {
            return false;
        }

        if (!follow)
        {
            await db.CategoryFollows.Where(f => f.UserId == userId && f.CategoryId == categoryId).ExecuteDeleteAsync(ct);
            return true;
        }

        if (await db.CategoryFollows.AnyAsync(f => f.UserId == userId && f.CategoryId == categoryId, ct))
        {
            return true;
        }

        db.CategoryFollows.Add(new CategoryFollow { UserId = userId, CategoryId = categoryId, Since = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A second click got there first; the unique index kept one row.
        }

        return true;
    }

    /// <summary>
    /// The automatic follow: writes a follow row unless the person already has one (following, or an unfollow to
    /// respect). Call it on the act's own context, with nothing else pending, inside its transaction if it has one: EF
    /// saves to a savepoint there, so a racing insert that the unique index refuses rolls back only this row, on every
    /// provider, and the act goes on.
    /// </summary>
    internal static async Task FollowUnlessUnfollowedAsync(
        CareDb db, string userId, int postId, FollowReason reason, DateTime now, CancellationToken ct)
    {
        if (!await db.PostFollows.AnyAsync(f => f.UserId == userId && f.PostId == postId, ct))
        {
            await AddFollowAsync(db, userId, postId, reason, now, ct);
        }
    }

    /// <summary>
    /// <see cref="FollowUnlessUnfollowedAsync"/> for an act that already read, in its transaction, that the person has
    /// no follow row for the post (the vote reads it with the vote itself, one statement fewer per toggle).
    /// </summary>
    internal static async Task AddFollowAsync(
        CareDb db, string userId, int postId, FollowReason reason, DateTime now, CancellationToken ct)
    {
        var follow = db.PostFollows.Add(new PostFollow { UserId = userId, PostId = postId, Reason = reason, Since = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            follow.State = EntityState.Detached;
        }
    }
}
