using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.SolvesIt;

/// <summary>
/// Closing the loop on a shipped idea: "Does this solve it for you?", one answer per person, counted on the idea.
/// Voters and followers are the ones asked (the Shipped notification links here), but anyone signed in who may see
/// the idea may answer: a customer who finds the shipped idea has the same problem, and a vote is no proof of that.
/// The unique index on (post, user) is the truth; the counts are counted from it, not kept in a counter.
/// </summary>
public sealed class SolvesItService(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time)
{
    public async Task<SolvesItResult> AnswerAsync(int postId, bool solves, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(SolvesItOutcome.SignInRequired);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var idea = await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer)
            .Where(p => p.Id == postId && p.Kind == PostKind.Idea)
            .Select(p => new { p.Status, p.MergedIntoId, p.RemovedAt })
            .FirstOrDefaultAsync(ct);
        // Staff see removed ideas (to restore them); nobody answers on one.
        if (idea is null || idea.RemovedAt is not null)
        {
            return new(SolvesItOutcome.NotFound);
        }

        if (idea.MergedIntoId is not null)
        {
            return new(SolvesItOutcome.Merged);
        }

        if (idea.Status != PostStatus.Shipped)
        {
            return new(SolvesItOutcome.NotShipped);
        }

        var at = time.GetUtcNow().UtcDateTime;
        await SaveAsync(db, postId, userId, solves, at, ct);
        var (yes, notYet) = await CountAsync(db, postId, ct);
        await bus.PublishAsync(new SolvesItChanged(postId, yes, notYet, at), ct);
        return new(SolvesItOutcome.Answered, new(yes, notYet, solves));
    }

    /// <summary>Null when the idea does not exist or the viewer may not see it.</summary>
    public async Task<SolvesItView?> GetAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).AnyAsync(p => p.Id == postId && p.Kind == PostKind.Idea, ct))
        {
            return null;
        }

        var (yes, notYet) = await CountAsync(db, postId, ct);
        var mine = viewer.UserId is { } userId
            ? await db.SolvesItAnswers.AsNoTracking().Where(f => f.PostId == postId && f.UserId == userId).Select(f => (bool?)f.Solves).FirstOrDefaultAsync(ct)
            : null;
        return new(yes, notYet, mine);
    }

    // A change of mind updates the one row; only a first answer inserts. Two first answers of the same person at once
    // (two tabs, two servers) both insert: the unique index keeps one, and the loser writes its answer over it, so the
    // later word counts and there is never a second row. No provider-specific upsert needed.
    private static async Task SaveAsync(CareDb db, int postId, string userId, bool solves, DateTime at, CancellationToken ct)
    {
        if (await UpdateAsync(db, postId, userId, solves, at, ct) > 0)
        {
            return;
        }

        db.SolvesItAnswers.Add(new SolvesItAnswer { PostId = postId, UserId = userId, Solves = solves, At = at });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await UpdateAsync(db, postId, userId, solves, at, ct) == 0)
            {
                // Not the unique index (e.g. the account is gone): nothing to retry.
                throw;
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static Task<int> UpdateAsync(CareDb db, int postId, string userId, bool solves, DateTime at, CancellationToken ct) =>
        db.SolvesItAnswers.Where(f => f.PostId == postId && f.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Solves, solves).SetProperty(f => f.At, at), ct);

    private static async Task<(int Yes, int NotYet)> CountAsync(CareDb db, int postId, CancellationToken ct)
    {
        var counts = await db.SolvesItAnswers.AsNoTracking().Where(f => f.PostId == postId)
            .GroupBy(f => f.Solves)
            .Select(g => new { Solves = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return (counts.Where(c => c.Solves).Sum(c => c.Count), counts.Where(c => !c.Solves).Sum(c => c.Count));
    }
}
