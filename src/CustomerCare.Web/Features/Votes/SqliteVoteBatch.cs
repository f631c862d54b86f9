using System.Collections.Concurrent;
using System.Globalization;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Votes;

/// <summary>
/// Group commit for SQLite, which has one write lock per file: toggles queue here, and one writer at a time takes
/// every toggle waiting when it gets the lock (after <see cref="WriteTransactions.BeginWriteTransactionAsync"/>) and
/// applies them in one transaction: one read of their ideas, votes and follows, the deletes, the inserts and each
/// idea's new counter and trend weight in one SaveChanges, one COMMIT. A toggle in turn costs about 1/batch of a
/// transaction, so the lock is handed on once per batch instead of once per vote. Toggles are decided in arrival
/// order against the batch's running state, so each caller gets the outcome and count it would have got alone.
/// Nothing is half-done: a database error rolls the batch back and fails every toggle in it with that error.
/// A caller that cancels while its toggle waits drops out; once taken, a toggle runs to its end for everyone. New votes
/// count against each voter's limit (<see cref="ActivityLimits.BudgetAsync"/>, read once per batch, decided in order).
/// </summary>
internal sealed class SqliteVoteBatch(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, ActivityLimits limits)
{
    // Bounds one transaction's read (ideas × users); far above what one write turn gathers in practice.
    private const int MaxToggles = 128;

    private readonly ConcurrentQueue<Toggle> queue = new();
    private int writing;

    public Task<VoteResult> ToggleAsync(int postId, string userId, bool worksHere, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var toggle = new Toggle(postId, userId, worksHere, ct);
        queue.Enqueue(toggle);
        if (Interlocked.CompareExchange(ref writing, 1, 0) == 0)
        {
            // The writer runs on its own, not in the first caller's flow, so no caller's cancellation can stop it.
            _ = Task.Run(WriteAsync, CancellationToken.None);
        }

        return toggle.Result;
    }

    private async Task WriteAsync()
    {
        do
        {
            while (!queue.IsEmpty)
            {
                await WriteBatchAsync();
            }

            Volatile.Write(ref writing, 0);

            // A toggle queued after the last batch but before the flag went down found the writer busy: take it.
        }
        while (!queue.IsEmpty && Interlocked.CompareExchange(ref writing, 1, 0) == 0);
    }

    private async Task WriteBatchAsync()
    {
        var batch = new List<Toggle>();
        Dictionary<int, int> counts;
        List<(int PostId, string UserId)> followed;
        try
        {
            await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
            await using var tx = await db.BeginWriteTransactionAsync(CancellationToken.None);

            // Taken only now that the lock is held: every toggle that queued while the last batch ran joins this one.
            Take(batch);
            if (batch.Count == 0)
            {
                return;
            }

            (counts, followed) = await ApplyAsync(db, batch);
            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            if (batch.Count == 0)
            {
                // No transaction (the lock never came): the waiting toggles get the error rather than wait forever.
                Take(batch);
            }

            batch.ForEach(t => t.Fail(e));
            return;
        }

        try
        {
            // Published by the one writer after COMMIT, so an idea's events go out in the order of its counts; one
            // event per idea with its count after the batch (absolute, so a page that missed one is right again).
            var now = time.GetUtcNow().UtcDateTime;
            await Task.WhenAll(counts.Select(c => bus.PublishAsync(new VoteCountChanged(c.Key, c.Value, now), CancellationToken.None)));

            // Voting made these people follow: their own pages' follow buttons say so.
            await Task.WhenAll(followed.Select(f => bus.PublishAsync(new FollowChanged(f.UserId, f.PostId, now), CancellationToken.None)));
        }
        catch (Exception e)
        {
            // Committed, but the pages were not told: the callers hear of it as they did when each published alone.
            batch.ForEach(t => t.Fail(e));
            return;
        }

        batch.ForEach(t => t.Complete());
    }

    private void Take(List<Toggle> batch)
    {
        while (batch.Count < MaxToggles && queue.TryDequeue(out var toggle))
        {
            if (toggle.TryTake())
            {
                batch.Add(toggle);
            }
        }
    }

    /// <summary>Decides and writes the batch; returns each changed idea's count after it, and who began to follow what.</summary>
    private async Task<(Dictionary<int, int> Counts, List<(int PostId, string UserId)> Followed)> ApplyAsync(CareDb db, List<Toggle> batch)
    {
        var none = CancellationToken.None;
        var postIds = batch.Select(t => t.PostId).Distinct().ToList();

        // The exact (idea, person) pairs, so the reads below return only this batch's rows, not every vote and follow
        // of these people on these ideas; the index on the idea narrows what SQLite compares.
        var pairs = batch.Select(t => PairKey(t.PostId, t.UserId)).Distinct().ToList();

        // The write lock is held from BEGIN, so nothing read here changes before COMMIT: the counts and weights set
        // below are exact absolute values, and no vote or follow row can appear under the batch. The ideas are
        // tracked so their new counter and weight go out in the same SaveChanges as the vote rows.
        var ideas = await db.Posts.Where(p => postIds.Contains(p.Id) && p.Kind == PostKind.Idea).ToDictionaryAsync(p => p.Id, none);
        var votes = await db.Votes.AsNoTracking().Where(v => postIds.Contains(v.PostId) && pairs.Contains(v.PostId.ToString() + "|" + v.UserId))
            .Select(v => new { v.Id, v.PostId, v.UserId, v.CreatedAt })
            .ToDictionaryAsync(v => (v.PostId, v.UserId), v => new CastVote(v.Id, v.CreatedAt, null), none);
        var follows = (await db.PostFollows.AsNoTracking().Where(f => postIds.Contains(f.PostId) && pairs.Contains(f.PostId.ToString() + "|" + f.UserId))
            .Select(f => new { f.PostId, f.UserId }).ToListAsync(none)).Select(f => (f.PostId, f.UserId)).ToHashSet();

        var userIds = batch.Select(t => t.UserId).Distinct().ToList();
        var since = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (DateTime?)u.CustomerSince, none);
        var budget = await limits.BudgetAsync(db, LimitedAct.Vote, batch.GroupBy(t => t.UserId).ToDictionary(g => g.Key, g => (g.First().WorksHere, g.Count())), none);

        // Whole milliseconds survive every provider's timestamp, so the weight a withdrawal reads back from
        // CreatedAt is exactly the weight added here.
        var now = time.StoredUtcNow();
        var deletes = new List<long>();
        var changed = new Dictionary<int, int>();
        var followed = new List<(int PostId, string UserId)>();
        foreach (var toggle in batch)
        {
            if (!ideas.TryGetValue(toggle.PostId, out var idea) || idea.RemovedAt is not null || idea.HeldAt is not null)
            {
                toggle.Decide(VoteOutcome.NotFound, 0);
                continue;
            }

            if (VoteService.VotingClosed(idea.Status, idea.MergedIntoId))
            {
                toggle.Decide(VoteOutcome.VotingClosed, idea.VoteCount);
                continue;
            }

            var key = (toggle.PostId, toggle.UserId);
            if (votes.Remove(key, out var cast))
            {
                // The withdrawn vote takes back exactly the weight it added when it was cast. A vote cast earlier in
                // this batch is simply not inserted.
                if (cast.Added is { } added)
                {
                    db.Entry(added).State = EntityState.Detached;
                }
                else
                {
                    deletes.Add(cast.Id);
                }

                idea.CountVote(since.GetValueOrDefault(toggle.UserId), cast.CreatedAt, -1);
                idea.TrendWeight -= Post.TrendWeightAt(cast.CreatedAt);
                budget.Return(toggle.UserId, cast.CreatedAt);
                toggle.Decide(VoteOutcome.Withdrawn, idea.VoteCount);
            }
            else if (budget.Take(toggle.UserId, now) is { } wait)
            {
                toggle.Decide(VoteOutcome.LimitReached, idea.VoteCount, wait);
                continue;
            }
            else
            {
                var vote = db.Votes.Add(new Vote { PostId = toggle.PostId, UserId = toggle.UserId, CreatedAt = now }).Entity;
                votes[key] = new CastVote(0, now, vote);

                // Voters follow what they vote for, unless a row says they unfollowed it (the row stays as it is).
                if (follows.Add(key))
                {
                    db.PostFollows.Add(new PostFollow { UserId = toggle.UserId, PostId = toggle.PostId, Reason = FollowReason.Voted, Since = now });
                    followed.Add(key);
                }

                idea.CountVote(since.GetValueOrDefault(toggle.UserId), now, 1);
                idea.TrendWeight += Post.TrendWeightAt(now);
                toggle.Decide(VoteOutcome.Voted, idea.VoteCount);
            }

            changed[idea.Id] = idea.VoteCount;
        }

        // Deletes first: a vote withdrawn and cast again in one batch must leave its old row before the new one
        // meets the unique index.
        if (deletes.Count > 0 && await db.Votes.Where(v => deletes.Contains(v.Id)).ExecuteDeleteAsync(none) != deletes.Count)
        {
            throw new InvalidOperationException("A vote row read under SQLite's write lock was gone at its delete; nothing of the batch is saved.");
        }

        // One failure fails the whole batch (its transaction rolls back), so a savepoint would buy nothing.
        db.Database.AutoSavepointsEnabled = false;
        await db.SaveChangesAsync(none);
        return (changed, followed);
    }

    private static string PairKey(int postId, string userId) => string.Create(CultureInfo.InvariantCulture, $"{postId}|{userId}");

    /// <summary>A vote row as the batch sees it: stored (Id), or cast earlier in this batch (Added).</summary>
    private sealed record CastVote(long Id, DateTime CreatedAt, Vote? Added);

    private sealed class Toggle
    {
        private const int Queued = 0, Taken = 1, Cancelled = 2;

        private readonly TaskCompletionSource<VoteResult> result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration cancellation;
        private VoteResult? decided;
        private int state;

        public Toggle(int postId, string userId, bool worksHere, CancellationToken ct)
        {
            PostId = postId;
            UserId = userId;
            WorksHere = worksHere;
            cancellation = ct.Register(() =>
            {
                if (Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued)
                {
                    result.TrySetCanceled(ct);
                }
            });
        }

        public int PostId { get; }

        public string UserId { get; }

        public bool WorksHere { get; }

        public Task<VoteResult> Result => result.Task;

        /// <summary>False when the caller cancelled while the toggle waited: it is dropped, not applied.</summary>
        public bool TryTake()
        {
            var taken = Interlocked.CompareExchange(ref state, Taken, Queued) == Queued;
            cancellation.Unregister();
            return taken;
        }

        public void Decide(VoteOutcome outcome, int count, TimeSpan? wait = null) => decided = new VoteResult(outcome, count, wait);

        public void Complete() => result.TrySetResult(decided ?? throw new InvalidOperationException("A toggle left its batch undecided."));

        public void Fail(Exception e) => result.TrySetException(e);
    }
}
