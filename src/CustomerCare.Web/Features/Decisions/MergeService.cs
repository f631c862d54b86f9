using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Features.Webhooks;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Decisions;

public enum MergeOutcome
{
    Merged,
    NotAllowed,
    NotFound,
    SameIdea,
    AlreadyMerged,
    TargetMerged,

    /// <summary>Someone voted or merged at the same moment; nothing was changed, the page shows their change.</summary>
    Conflict,
}

/// <summary>What became of a merge; <see cref="MessageKey"/> names the UI string that explains it.</summary>
public sealed record MergeResult(MergeOutcome Outcome, int MovedVotes = 0)
{
    public bool Merged => Outcome == MergeOutcome.Merged;

    public string MessageKey => $"Merge_{Outcome}";
}

/// <summary>An idea a duplicate can be merged into, as the merge picker lists it.</summary>
public sealed record MergeTarget(int Id, string Title, int VoteCount);

/// <summary>
/// Product owners (and admins) fold a duplicate idea into the original. The votes move with it, a person
/// who voted for both counts once, and the duplicate keeps pointing at the original.
/// </summary>
public sealed class MergeService(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, WebhookPublisher webhooks)
{
    public const int MaxTargets = 10;

    public static bool MayMerge(Viewer viewer) => StatusDecisionService.MayDecide(viewer);

    /// <summary>Ideas whose title contains every word of <paramref name="text"/>, for the picker; empty for anyone who may not merge.</summary>
    public async Task<IReadOnlyList<MergeTarget>> SearchTargetsAsync(int duplicateId, string? text, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!MayMerge(viewer) || string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var ideas = Mergeable(db.Posts.AsNoTracking()).Where(p => p.Id != duplicateId);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(5))
        {
            // ToUpper() translates on every provider; the StringComparison overloads CA1862 asks for do not.
            var term = word.ToUpperInvariant();
#pragma warning disable CA1862
            ideas = ideas.Where(p => p.Title.ToUpper().Contains(term));
#pragma warning restore CA1862
        }

        return await ideas.OrderByDescending(p => p.VoteCount).ThenBy(p => p.Id).Take(MaxTargets)
            .Select(p => new MergeTarget(p.Id, p.Title, p.VoteCount)).ToListAsync(ct);
    }

    public async Task<MergeResult> MergeAsync(int duplicateId, int originalId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!MayMerge(viewer))
        {
            return new(MergeOutcome.NotAllowed);
        }

        if (duplicateId == originalId)
        {
            return new(MergeOutcome.SameIdea);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var ideas = await PostVisibility.Listed(db.Posts.AsNoTracking())
            .Where(p => (p.Id == duplicateId || p.Id == originalId) && p.Kind == PostKind.Idea)
            .Select(p => new { p.Id, p.Title, p.MergedIntoId })
            .ToListAsync(ct);
        var duplicate = ideas.Find(p => p.Id == duplicateId);
        var original = ideas.Find(p => p.Id == originalId);
        if (duplicate is null || original is null)
        {
            return new(MergeOutcome.NotFound);
        }

        if (duplicate.MergedIntoId is not null)
        {
            return new(MergeOutcome.AlreadyMerged);
        }

        if (original.MergedIntoId is not null)
        {
            return new(MergeOutcome.TargetMerged);
        }

        var actorId = viewer.UserId!;
        if (!await db.Users.AnyAsync(u => u.Id == actorId, ct))
        {
            return new(MergeOutcome.NotAllowed);
        }

        var merge = new Merge(duplicateId, originalId, actorId, time.GetUtcNow().UtcDateTime,
            $"Merged idea {duplicateId} \"{duplicate.Title}\" into idea {originalId} \"{original.Title}\".");
        MergeResult result;
        int originalCount;
        try
        {
            (result, originalCount) = await SaveAsync(db, merge, ct);
        }
        catch (DbUpdateException)
        {
            // A vote for the original landed between reading and inserting (the unique index caught it).
            return new(MergeOutcome.Conflict);
        }

        if (!result.Merged)
        {
            return result;
        }

        var merged = new PostMerged(duplicateId, originalId, original.Title, merge.At);
        await bus.PublishAsync(merged, ct);
        await bus.PublishAsync(merged with { Topic = LiveTopics.Decisions }, ct);
        await bus.PublishAsync(new VoteCountChanged(originalId, originalCount, merge.At), ct);
        await bus.PublishAsync(new VoteCountChanged(duplicateId, 0, merge.At), ct);
        await webhooks.PublishAsync(new(WebhookEvents.IdeaMerged, duplicateId, $"{duplicateId}:{originalId}",
            Extra: new Dictionary<string, object?> { ["mergedInto"] = new { id = originalId, title = original.Title, votes = originalCount } }));
        return result;
    }

    private static IQueryable<Post> Mergeable(IQueryable<Post> posts) =>
        PostVisibility.Listed(posts).Where(p => p.Kind == PostKind.Idea && p.MergedIntoId == null);

    private static async Task<(MergeResult Result, int OriginalCount)> SaveAsync(CareDb db, Merge merge, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.BeginWriteTransactionAsync(ct);

            // Write first (SQLite may refuse a read-then-write transaction its lock), and only if the duplicate
            // is still unmerged: this claims it, so two product owners merging it at once cannot both move votes.
            var claimed = await Mergeable(db.Posts).Where(p => p.Id == merge.DuplicateId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.MergedIntoId, merge.OriginalId)
                    .SetProperty(p => p.VoteCount, 0)
                    .SetProperty(p => p.LoyalVoteCount, 0)
                    .SetProperty(p => p.NewcomerVoteCount, 0)
                    .SetProperty(p => p.TrendWeight, 0d)
                    .SetProperty(p => p.UpdatedAt, merge.At), ct);
            if (claimed == 0)
            {
                await tx.RollbackAsync(ct);
                return (new MergeResult(MergeOutcome.AlreadyMerged), 0);
            }

            // People who voted for both already count on the original: only the others move.
            var moved = await db.Votes
                .Where(v => v.PostId == merge.DuplicateId && !db.Votes.Any(o => o.PostId == merge.OriginalId && o.UserId == v.UserId))
                .Select(v => new { v.UserId, v.CreatedAt, v.User!.CustomerSince })
                .ToListAsync(ct);
            var weight = moved.Sum(v => Post.TrendWeightAt(v.CreatedAt));
            var bands = moved.Select(v => Post.VoterBand(v.CustomerSince, v.CreatedAt)).ToList();
            var (loyal, newcomer) = (bands.Sum(b => b.Loyal), bands.Sum(b => b.Newcomer));
            var grown = await Mergeable(db.Posts).Where(p => p.Id == merge.OriginalId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.VoteCount, p => p.VoteCount + moved.Count)
                    .SetProperty(p => p.LoyalVoteCount, p => p.LoyalVoteCount + loyal)
                    .SetProperty(p => p.NewcomerVoteCount, p => p.NewcomerVoteCount + newcomer)
                    .SetProperty(p => p.TrendWeight, p => p.TrendWeight + weight), ct);
            if (grown == 0)
            {
                await tx.RollbackAsync(ct);
                return (new MergeResult(MergeOutcome.TargetMerged), 0);
            }

            await db.Votes.Where(v => v.PostId == merge.DuplicateId).ExecuteDeleteAsync(ct);
            db.Votes.AddRange(moved.Select(v => new Vote { PostId = merge.OriginalId, UserId = v.UserId, CreatedAt = v.CreatedAt }));
            db.AuditEntries.Add(new AuditEntry
            {
                PostId = merge.DuplicateId,
                Action = AuditAction.Merged,
                ActorId = merge.ActorId,
                At = merge.At,
                Details = merge.Details.Length > AuditEntry.DetailsMaxLength ? merge.Details[..AuditEntry.DetailsMaxLength] : merge.Details,
            });
            await db.SaveChangesAsync(ct);
            var count = await db.Posts.Where(p => p.Id == merge.OriginalId).Select(p => p.VoteCount).FirstAsync(ct);
            await tx.CommitAsync(ct);
            return (new MergeResult(MergeOutcome.Merged, moved.Count), count);
        });
    }

    private sealed record Merge(int DuplicateId, int OriginalId, string ActorId, DateTime At, string Details);
}
