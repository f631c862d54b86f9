using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Helpful;

/// <summary>
/// "This helped me": anyone signed in marks a reply they may read as helpful, once, and may take the mark back. The
/// unique index on (reply, person) is the truth; <see cref="Reply.HelpfulCount"/> moves by exactly the rows inserted or
/// deleted, in the same transaction (SQLite's writers take turns; PostgreSQL and SQL Server lock the reply's row for the
/// count), so the count is exact under any number of marks at once. Every open page of the post hears the new count.
/// </summary>
public sealed class HelpfulService(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, PostingRights rights)
{
    /// <summary>Marks the reply helpful (<paramref name="helpful"/>) or takes the viewer's mark back; asking for what is already so changes nothing.</summary>
    public async Task<HelpfulResult> SetAsync(long replyId, bool helpful, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(HelpfulOutcome.SignInRequired);
        }

        if (helpful && await rights.BlockOfAsync(viewer, ct) is { } block)
        {
            return new(HelpfulOutcome.Blocked) { Block = block };
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        HelpfulResult result;
        int postId;
        try
        {
            (result, postId) = await SetInTransactionAsync(db, replyId, helpful, viewer, userId, ct);
        }
        catch (DbUpdateException)
        {
            // The same person's second click raced the first: the unique index kept one mark. Any other refusal (an
            // account deleted meanwhile) leaves no mark and is not answered as one.
            await using var again = await dbs.CreateDbContextAsync(ct);
            if (!await again.HelpfulMarks.AnyAsync(m => m.ReplyId == replyId && m.UserId == userId, ct))
            {
                throw;
            }

            return new(HelpfulOutcome.Marked, await again.Replies.Where(r => r.Id == replyId).Select(r => r.HelpfulCount).FirstAsync(ct));
        }

        if (result.Changed)
        {
            await bus.PublishAsync(new HelpfulChanged(postId, replyId, result.Count, time.GetUtcNow().UtcDateTime), ct);
        }

        return result;
    }

    /// <summary>The replies of a post the viewer marked helpful (none for a visitor).</summary>
    public async Task<IReadOnlySet<long>> MarkedOnAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new HashSet<long>();
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return (await db.HelpfulMarks.AsNoTracking().Where(m => m.UserId == userId && m.Reply!.PostId == postId)
            .Select(m => m.ReplyId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Whether the reply offers the viewer a mark: signed in, not their own, a reply every reader of the thread sees.</summary>
    public static bool Offers(ReplyView reply, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.IsSignedIn && reply.Author.Id != viewer.UserId && Markable(reply);
    }

    /// <summary>Internal notes, replies waiting for approval and hidden ones are never marked (nor show a count).</summary>
    public static bool Markable(ReplyView reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return !reply.IsInternalNote && !reply.IsHeld && reply.Hidden is null;
    }

    private async Task<(HelpfulResult, int PostId)> SetInTransactionAsync(
        CareDb db, long replyId, bool helpful, Viewer viewer, string userId, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.BeginWriteTransactionAsync(ct);
            var reply = await PostVisibility.RepliesVisibleTo(db.Replies, viewer)
                .Where(r => r.Id == replyId && PostVisibility.VisibleTo(db.Posts, viewer).Any(p => p.Id == r.PostId && p.RemovedAt == null))
                .Select(r => new
                {
                    r.PostId, r.AuthorId, r.IsInternalNote, r.HeldAt, r.HiddenAt, r.HelpfulCount,
                    Mine = db.HelpfulMarks.Any(m => m.ReplyId == r.Id && m.UserId == userId),
                })
                .FirstOrDefaultAsync(ct);
            if (reply is null)
            {
                return (new HelpfulResult(HelpfulOutcome.NotFound), 0);
            }

            if (reply.AuthorId == userId)
            {
                return (new HelpfulResult(HelpfulOutcome.OwnReply, reply.HelpfulCount), reply.PostId);
            }

            if (reply.IsInternalNote || reply.HeldAt is not null || reply.HiddenAt is not null)
            {
                return (new HelpfulResult(HelpfulOutcome.NotMarkable, reply.HelpfulCount), reply.PostId);
            }

            int delta;
            if (helpful && !reply.Mine)
            {
                db.HelpfulMarks.Add(new HelpfulMark
                {
                    ReplyId = replyId, UserId = userId, ReplyAuthorId = reply.AuthorId, ByCustomer = !viewer.WorksHere,
                    At = time.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync(ct);
                delta = 1;
            }
            else
            {
                delta = helpful ? 0 : -await db.HelpfulMarks.Where(m => m.ReplyId == replyId && m.UserId == userId).ExecuteDeleteAsync(ct);
            }

            if (delta != 0)
            {
                await db.Replies.Where(r => r.Id == replyId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HelpfulCount, r => r.HelpfulCount + delta), ct);
            }

            var count = delta == 0 ? reply.HelpfulCount : await db.Replies.Where(r => r.Id == replyId).Select(r => r.HelpfulCount).FirstAsync(ct);
            await tx.CommitAsync(ct);
            return (new HelpfulResult(helpful ? HelpfulOutcome.Marked : HelpfulOutcome.Unmarked, count, delta != 0), reply.PostId);
        });
    }
}
