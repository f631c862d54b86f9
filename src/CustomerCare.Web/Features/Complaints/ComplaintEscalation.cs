using CustomerCare.Data;
using CustomerCare.Data.Insights;
using CustomerCare.Web.Features.Webhooks;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// Finds open complaints whose answer target has passed (business time, by the <see cref="ResponseClock"/>) and
/// escalates each once per wait: sets <c>Post.EscalatedAt</c>, logs a warning for the team lead and tells the desk.
/// Admins (the team leads) get an Escalated notification in the bell as well.
/// </summary>
public sealed partial class ComplaintEscalation(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, ResponseClock clock, Notifications.NotificationService notifications,
    WebhookPublisher webhooks, ILogger<ComplaintEscalation> log)
{
    /// <summary>Bounded work per tick: the longest waits are looked at first, the rest on the next tick.</summary>
    public const int BatchSize = 200;

    /// <summary>Escalates what is overdue now; returns the ids escalated.</summary>
    public async Task<IReadOnlyList<int>> RunOnceAsync(CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // Oldest first: a wait starts no earlier than filing, so the longest waits are among the oldest complaints.
        var notEscalated = OpenComplaints.Waiting(db, OpenComplaints.Query(db).AsNoTracking().Where(p => p.EscalatedAt == null))
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(BatchSize * 5);
        var candidates = await OpenComplaints.Clocks(db, notEscalated).ToListAsync(ct);
        var overdue = candidates
            .Where(c => c.WaitingSince is not null)
            .Select(c => (c.Id, State: clock.For(c.WaitingSince!.Value, c.FirstAnswer)))
            .Where(c => c.State.IsOverdue)
            .OrderByDescending(c => c.State.OverdueBy)
            .Take(BatchSize)
            .ToList();
        var now = clock.UtcNow;
        var escalated = new List<int>();
        foreach (var (id, state) in overdue)
        {
            // Guarded: a staff answer or another server's tick since the read leaves the row alone. The wait keeps the
            // mark for the insights after the answer clears the post's.
            await using (var tx = await db.BeginWriteTransactionAsync(ct))
            {
                var changed = await db.Posts.Where(p => p.Id == id && p.EscalatedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.EscalatedAt, now), ct);
                if (changed == 0)
                {
                    continue;
                }

                await ComplaintWaits.EscalateAsync(db, id, now, ct);
                await tx.CommitAsync(ct);
            }

            LogEscalated(id, state.DueAt, state.OverdueBy);
            await bus.PublishAsync(new ComplaintActivity(id, ComplaintActivityKind.Escalated, now), ct);
            await notifications.NotifyAsync(new(Data.Entities.NotificationKind.Escalated, id, ActorId: null));
            await webhooks.PublishAsync(new(WebhookEvents.ComplaintEscalated, id, $"{id}:{now.Ticks}"));
            escalated.Add(id);
        }

        return escalated;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Complaint {PostId} escalated to the team lead: the answer was due at {DueAt:u} and is {OverdueBy} business time overdue")]
    private partial void LogEscalated(int postId, DateTime dueAt, TimeSpan overdueBy);
}

/// <summary>Runs the escalation once a minute on the host's <see cref="TimeProvider"/>, so tests can step time.</summary>
public sealed partial class ComplaintEscalationWorker(ComplaintEscalation escalation, TimeProvider time, ILogger<ComplaintEscalationWorker> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await escalation.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One failed tick (database briefly away) must not end the job for the life of the process.
                LogTickFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The complaint escalation tick failed; trying again on the next one")]
    private partial void LogTickFailed(Exception ex);
}
