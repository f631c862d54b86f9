using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Posts;

/// <summary>What a person does that others see, and is limited per person: see <see cref="ActivityLimits"/>.</summary>
public enum LimitedAct
{
    Idea,
    Complaint,
    Reply,
    Vote,
    Report,
}

/// <summary>
/// How many ideas, complaints, replies and votes one person may write per window (<c>RateLimits</c>): counted in the
/// database from the rows those acts leave, so every server sees the same count and no state is kept anywhere else.
/// A new account (younger than <see cref="RateLimitOptions.NewAccountAge"/> or unconfirmed) gets the tightest limit,
/// people who work here the widest. Services ask inside the write transaction that saves the act: on PostgreSQL and SQL
/// Server the person's user row is locked first (a no-op update), so their own parallel writes take turns and the count
/// is exact; on SQLite the write lock held since BEGIN does that. A later act (reports) adds its member and its rows in
/// <see cref="Stamps"/>.
/// </summary>
public sealed class ActivityLimits(IOptionsMonitor<RateLimitOptions> options, TimeProvider time)
{
    /// <summary>
    /// Null when the viewer may do one more <paramref name="act"/>; otherwise how long until they may. Call it in the
    /// transaction that writes the act, before writing anything else there (the lock on the person comes first).
    /// </summary>
    public async Task<TimeSpan?> RefusalAsync(CareDb db, Viewer viewer, LimitedAct act, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(viewer);
        var userId = viewer.UserId ?? throw new ArgumentException("Only signed-in people act.", nameof(viewer));
        if (!db.Database.IsSqlite())
        {
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, u => u.DisplayName), ct);
        }

        // Read after the lock (SQLite: inside the write gate), so an account deleted while this act was under way is
        // seen here and the act writes nothing: a deletion takes the same row lock first (AccountErasure).
        if (await db.Users.AnyAsync(u => u.Id == userId && u.DeletedAt != null, ct))
        {
            throw new AccountDeletedException(userId);
        }

        var (limit, now) = (For(act), time.GetUtcNow().UtcDateTime);
        var allowed = viewer.WorksHere ? limit.Staff : await IsNewAsync(db, userId, now, ct) ? limit.NewAccount : limit.Customer;
        var since = now - limit.Window;

        // The allowed-th newest act in the window: while it is there, the window is full; when it leaves, one more fits.
        var oldestThatCounts = await Stamps(db, act).Where(s => s.UserId == userId && s.At > since)
            .OrderByDescending(s => s.At).Skip(allowed - 1).Select(s => (DateTime?)s.At).FirstOrDefaultAsync(ct);
        return oldestThatCounts is { } at ? Wait(at + limit.Window - now) : null;
    }

    /// <summary>
    /// Saves what <paramref name="add"/> puts into <paramref name="db"/> in one write transaction, if the limit allows one
    /// more <paramref name="act"/>; otherwise saves nothing and returns how long until it does.
    /// </summary>
    public async Task<TimeSpan?> SaveWithinLimitAsync(
        CareDb db, Viewer viewer, LimitedAct act, Func<CareDb, CancellationToken, Task> add, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(add);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.BeginWriteTransactionAsync(ct);
            if (await RefusalAsync(db, viewer, act, ct) is { } wait)
            {
                await tx.RollbackAsync(ct);
                return (TimeSpan?)wait;
            }

            await add(db, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return null;
        });
    }

    /// <summary>A wait in whole minutes, rounded up, for the messages ("in about 3 min.").</summary>
    public static int Minutes(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));

    /// <summary>
    /// The same limit for acts of several people decided together (SQLite's vote batch): how many acts each did in the
    /// window, counted once; <see cref="Budget.Take"/> then decides one act after another in arrival order.
    /// <paramref name="actsByUser"/> holds, per person, whether they work here and how many acts of theirs the batch holds.
    /// </summary>
    public async Task<Budget> BudgetAsync(
        CareDb db, LimitedAct act, IReadOnlyDictionary<string, (bool WorksHere, int Acts)> actsByUser, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actsByUser);
        var (limit, now) = (For(act), time.GetUtcNow().UtcDateTime);
        var since = now - limit.Window;
        var ids = actsByUser.Keys.ToList();
        var counts = await Stamps(db, act).Where(s => ids.Contains(s.UserId) && s.At > since)
            .GroupBy(s => s.UserId).Select(g => new { UserId = g.Key, Count = g.Count() }).ToDictionaryAsync(c => c.UserId, c => c.Count, ct);
        var newAt = now - options.CurrentValue.NewAccountAge;
        var customers = ids.Where(id => !actsByUser[id].WorksHere).ToList();
        var newcomers = (await db.Users.Where(u => customers.Contains(u.Id) && (!u.EmailConfirmed || u.CustomerSince > newAt))
            .Select(u => u.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var allowed = ids.ToDictionary(id => id, id => actsByUser[id].WorksHere ? limit.Staff : newcomers.Contains(id) ? limit.NewAccount : limit.Customer);

        // Only someone this batch may take to their limit needs the times (for how long they wait): read for them alone.
        var near = ids.Where(id => counts.GetValueOrDefault(id) + actsByUser[id].Acts >= allowed[id]).ToList();
        var times = (near.Count == 0 ? [] : await Stamps(db, act).Where(s => near.Contains(s.UserId) && s.At > since)
            .Select(s => new { s.UserId, s.At }).ToListAsync(ct)).ToLookup(s => s.UserId, s => s.At);
        return new Budget(limit.Window, now, allowed, ids.ToDictionary(id => id, id => new Done(counts.GetValueOrDefault(id), [.. times[id]])));
    }

    /// <summary>What is left of each person's limit while a batch is decided.</summary>
    public sealed class Budget
    {
        private readonly TimeSpan window;
        private readonly DateTime now;
        private readonly Dictionary<string, int> allowed;
        private readonly Dictionary<string, Done> done;

        internal Budget(TimeSpan window, DateTime now, Dictionary<string, int> allowed, Dictionary<string, Done> done) =>
            (this.window, this.now, this.allowed, this.done) = (window, now, allowed, done);

        /// <summary>Null, and the act counted at <paramref name="at"/>, when the person may; otherwise how long until they may.</summary>
        public TimeSpan? Take(string userId, DateTime at)
        {
            var theirs = done[userId];
            if (theirs.Count >= allowed[userId])
            {
                var counting = theirs.Times.OrderDescending().ElementAt(allowed[userId] - 1);
                return Wait(counting + window - now);
            }

            theirs.Count++;
            theirs.Times.Add(at);
            return null;
        }

        /// <summary>An act taken back in the batch (a withdrawn vote) no longer counts, as its row is gone.</summary>
        public void Return(string userId, DateTime at)
        {
            if (at > now - window)
            {
                done[userId].Count--;
                done[userId].Times.Remove(at);
            }
        }
    }

    /// <summary>A person's acts in the window: how many, and when (known for those near their limit).</summary>
    internal sealed class Done(int count, List<DateTime> times)
    {
        public int Count { get; set; } = count;

        public List<DateTime> Times { get; } = times;
    }

    private ActLimit For(LimitedAct act) => act switch
    {
        LimitedAct.Idea => options.CurrentValue.Ideas,
        LimitedAct.Complaint => options.CurrentValue.Complaints,
        LimitedAct.Reply => options.CurrentValue.Replies,
        LimitedAct.Vote => options.CurrentValue.Votes,
        LimitedAct.Report => options.CurrentValue.Reports,
        _ => throw new ArgumentOutOfRangeException(nameof(act), act, "No limit is configured for this act."),
    };

    // The rows each act leaves, by who and when: the count needs nothing else. Removed posts still count.
    private static IQueryable<Stamp> Stamps(CareDb db, LimitedAct act) => act switch
    {
        LimitedAct.Idea => db.Posts.Where(p => p.Kind == PostKind.Idea).Select(p => new Stamp { UserId = p.AuthorId, At = p.CreatedAt }),
        LimitedAct.Complaint => db.Posts.Where(p => p.Kind == PostKind.Complaint).Select(p => new Stamp { UserId = p.AuthorId, At = p.CreatedAt }),
        LimitedAct.Reply => db.Replies.Select(r => new Stamp { UserId = r.AuthorId, At = r.CreatedAt }),
        LimitedAct.Vote => db.Votes.Select(v => new Stamp { UserId = v.UserId, At = v.CreatedAt }),
        LimitedAct.Report => db.Reports.Select(r => new Stamp { UserId = r.ReporterId, At = r.CreatedAt }),
        _ => throw new ArgumentOutOfRangeException(nameof(act), act, "This act leaves no rows to count."),
    };

    private async Task<bool> IsNewAsync(CareDb db, string userId, DateTime now, CancellationToken ct)
    {
        var newAt = now - options.CurrentValue.NewAccountAge;
        return await db.Users.AnyAsync(u => u.Id == userId && (!u.EmailConfirmed || u.CustomerSince > newAt), ct);
    }

    // At least a second: a wait of zero would read as "try now" while the act was just refused.
    private static TimeSpan Wait(TimeSpan wait) => wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;

    private sealed class Stamp
    {
        public required string UserId { get; init; }

        public required DateTime At { get; init; }
    }
}
