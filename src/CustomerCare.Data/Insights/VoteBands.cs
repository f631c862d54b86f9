using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Data.Insights;

/// <summary>
/// Counts <see cref="Post.LoyalVoteCount"/> and <see cref="Post.NewcomerVoteCount"/> for posts from before those columns
/// (the migration marks them −1), from their votes and the voters' <see cref="CareUser.CustomerSince"/>, a batch at a
/// time; the vote and merge paths keep them in step from then on.
/// </summary>
public static class VoteBands
{
    public static async Task<int> BackfillAsync(CareDb db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var total = 0;
        // Both counters are set together, so one marks the post. Asked per kind, the read is a range of the
        // (Kind, LoyalVoteCount, Id) index: on every start after the first it finds nothing without reading a post.
        foreach (var kind in Enum.GetValues<PostKind>())
        {
            total += await BackfillAsync(db, kind, ct);
        }

        return total;
    }

    private static async Task<int> BackfillAsync(CareDb db, PostKind kind, CancellationToken ct)
    {
        const int Batch = 1_000;
        var total = 0;
        while (true)
        {
            var ids = await db.Posts.Where(p => p.Kind == kind && p.LoyalVoteCount < 0)
                .OrderBy(p => p.LoyalVoteCount).ThenBy(p => p.Id).Select(p => p.Id).Take(Batch).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return total;
            }

            var votes = (await db.Votes.AsNoTracking().Where(v => ids.Contains(v.PostId))
                    .Select(v => new { v.PostId, v.CreatedAt, v.User!.CustomerSince })
                    .ToListAsync(ct))
                .ToLookup(v => v.PostId, v => Post.VoterBand(v.CustomerSince, v.CreatedAt));
            await using var tx = await db.BeginWriteTransactionAsync(ct);
            foreach (var id in ids)
            {
                var (loyal, newcomer) = (votes[id].Sum(b => b.Loyal), votes[id].Sum(b => b.Newcomer));
                await db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.LoyalVoteCount, loyal)
                    .SetProperty(p => p.NewcomerVoteCount, newcomer), ct);
            }

            await tx.CommitAsync(ct);
            total += ids.Count;
        }
    }
}
