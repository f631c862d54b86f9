using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Moderation;

/// <summary>
/// Staff block a customer from posting, with a reason the person is told at every form they try (PostingRights asks
/// the block at each act, so it holds from the next one on, on every server); admins may also block people who work
/// here, never themselves, and only an admin blocks an admin. The block lives on the person's row
/// (<see cref="CareUser.BlockedAt"/>, by whom, why); unblocking clears it.
/// </summary>
public sealed class BlockService(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, AccessChanges access, SecurityLog securityLog)
{
    /// <summary>The rule the queue uses to offer "Block"; <see cref="BlockAsync"/> asks it again with the target's roles.</summary>
    public static bool MayBlock(Viewer viewer, string targetId, bool targetWorksHere)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return ModerationService.MayModerate(viewer) && viewer.UserId != targetId && (!targetWorksHere || viewer.IsAdmin);
    }

    public async Task<ModerationResult> BlockAsync(string userId, string reason, Viewer viewer, CancellationToken ct = default)
    {
        if (ModerationService.Refusal(viewer, reason, CareUser.BlockReasonMaxLength, out var trimmed) is { } invalid)
        {
            return new(invalid);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await RefusalAsync(db, userId, viewer, ct) is { } refused)
        {
            return refused;
        }

        // A new concurrency stamp: an account change that read the row before the block fails instead of writing it back unblocked.
        var now = time.GetUtcNow().UtcDateTime;
        var blocked = await db.Users.Where(u => u.Id == userId && u.BlockedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.BlockedAt, now)
            .SetProperty(u => u.BlockedById, viewer.UserId)
            .SetProperty(u => u.BlockReason, trimmed)
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
        if (blocked == 0)
        {
            return new(ModerationOutcome.Unchanged);
        }

        // Access ends at once: the person's cookies and open pages sign them out, their hub connections close. Signing in
        // again works (they may read, and still answer in their own complaints), and every form then tells them why.
        await access.EndSessionsAsync(userId, AccessChangeReason.Blocked, ct);
        await securityLog.RecordAsync(SecurityEventKind.PersonBlocked, userId, client: null, viewer.UserId, trimmed, ct);
        var byName = await db.Users.Where(u => u.Id == viewer.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        await bus.PublishAsync(new PersonBlocked(userId, trimmed, byName, now), ct);
        return new(ModerationOutcome.Done);
    }

    public async Task<ModerationResult> UnblockAsync(string userId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!ModerationService.MayModerate(viewer))
        {
            return new(ModerationOutcome.NotAllowed);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await RefusalAsync(db, userId, viewer, ct) is { } refused)
        {
            return refused;
        }

        var unblocked = await db.Users.Where(u => u.Id == userId && u.BlockedAt != null).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.BlockedAt, (DateTime?)null)
            .SetProperty(u => u.BlockedById, (string?)null)
            .SetProperty(u => u.BlockReason, (string?)null)
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
        if (unblocked == 0)
        {
            return new(ModerationOutcome.Unchanged);
        }

        await securityLog.RecordAsync(SecurityEventKind.PersonUnblocked, userId, client: null, viewer.UserId, ct: ct);
        await bus.PublishAsync(new PersonUnblocked(userId, time.GetUtcNow().UtcDateTime), ct);
        return new(ModerationOutcome.Done);
    }

    // The target's roles come from the database, not from anything the caller sent.
    private static async Task<ModerationResult?> RefusalAsync(CareDb db, string userId, Viewer viewer, CancellationToken ct)
    {
        var staff = db.StaffUserIds;
        var target = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { WorksHere = staff.Contains(u.Id) }).FirstOrDefaultAsync(ct);
        if (target is null)
        {
            return new(ModerationOutcome.NotFound);
        }

        return MayBlock(viewer, userId, target.WorksHere) ? null : new(ModerationOutcome.NotAllowed);
    }
}
