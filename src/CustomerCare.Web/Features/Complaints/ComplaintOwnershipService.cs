using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>Taking over and handing over complaints: only people who work here, always with a hand-over row.</summary>
public sealed class ComplaintOwnershipService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, Notifications.NotificationService notifications)
{
    /// <summary>
    /// The viewer takes the complaint over; a reason is optional ("back from holiday"). Pass <paramref name="seen"/>, the
    /// owner the page showed, so a colleague's change in between is refused (Conflict) instead of silently overridden.
    /// </summary>
    public Task<OwnershipResult> ClaimAsync(int postId, Viewer viewer, string? reason = null, SeenOwner? seen = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return ChangeOwnerAsync(postId, viewer.UserId, reason, reasonRequired: false, seen, viewer, ct);
    }

    /// <summary>The viewer hands the complaint to a colleague; the customer reads why, so a reason is required.</summary>
    public Task<OwnershipResult> ReassignAsync(
        int postId, string toStaffUserId, string? reason, Viewer viewer, SeenOwner? seen = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return ChangeOwnerAsync(postId, toStaffUserId, reason, reasonRequired: toStaffUserId != viewer.UserId, seen, viewer, ct);
    }

    /// <summary>Everyone a complaint can be handed to, by name. Only people who work here may ask.</summary>
    public async Task<IReadOnlyList<Colleague>> ListColleaguesAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.WorksHere)
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = db.StaffUserIds;
        return await db.Users.AsNoTracking().Where(u => staff.Contains(u.Id))
            .OrderBy(u => u.DisplayName)
            .Select(u => new Colleague(u.Id, u.DisplayName, u.JobTitle))
            .ToListAsync(ct);
    }

    private async Task<OwnershipResult> ChangeOwnerAsync(
        int postId, string? toUserId, string? reason, bool reasonRequired, SeenOwner? seen, Viewer viewer, CancellationToken ct)
    {
        if (viewer.UserId is not { } byId)
        {
            return new(OwnershipOutcome.SignInRequired);
        }

        if (!viewer.WorksHere)
        {
            return new(OwnershipOutcome.NotAllowed);
        }

        reason = TextRules.Block(reason) is var clean && !TextRules.IsBlank(clean) ? clean : null;
        if (reason is null && reasonRequired)
        {
            return new(OwnershipOutcome.ReasonRequired);
        }

        if (reason?.Length > ComplaintHandover.ReasonMaxLength)
        {
            return new(OwnershipOutcome.ReasonTooLong);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == postId && p.Kind == PostKind.Complaint)
            .Select(p => new { p.OwnerId, p.Status, p.RemovedAt }).FirstOrDefaultAsync(ct);
        if (post is null)
        {
            return new(OwnershipOutcome.NotFound);
        }

        if (post.Status == PostStatus.Solved || post.RemovedAt is not null)
        {
            return new(OwnershipOutcome.Closed);
        }

        var staff = db.StaffUserIds;
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == toUserId && staff.Contains(u.Id))
            .Select(u => new AuthorInfo(u.Id, u.DisplayName, u.AvatarUrl, u.JobTitle, u.CustomerSince, true))
            .FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return new(OwnershipOutcome.TargetNotStaff);
        }

        if (seen is not null && seen.OwnerId != post.OwnerId)
        {
            return new(OwnershipOutcome.Conflict);
        }

        if (post.OwnerId == owner.Id)
        {
            return new(OwnershipOutcome.Unchanged);
        }

        // The guard repeats what the decision was made on: the owner the caller saw, still open. Two people
        // taking over at once saw the same owner; only the first update matches it.
        var seenOwner = post.OwnerId;
        var now = time.StoredUtcNow();
        var changed = await db.ChangeAndRecordAsync(
            (d, c) => OpenComplaints.Query(d)
                .Where(p => p.Id == postId && p.OwnerId == seenOwner)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.OwnerId, owner.Id), c),
            new ComplaintHandover { PostId = postId, FromOwnerId = seenOwner, ToOwnerId = owner.Id, ById = byId, Reason = reason, At = now },
            ct);
        if (!changed)
        {
            return new(OwnershipOutcome.Conflict);
        }

        var names = await db.Users.AsNoTracking().Where(u => u.Id == seenOwner || u.Id == byId)
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var handover = new HandoverView(seenOwner is null ? null : names.GetValueOrDefault(seenOwner), owner.DisplayName, names.GetValueOrDefault(byId), reason, now);
        await bus.PublishAsync(new ComplaintOwnerChanged(postId, owner, handover, now, byId), ct);
        await bus.PublishAsync(new ComplaintActivity(postId, ComplaintActivityKind.OwnerChanged, now), ct);
        // The customer learns the new face: the new owner is who "is now taking care" of it.
        await notifications.NotifyAsync(new(NotificationKind.ComplaintOwner, postId, owner.Id));
        return new(OwnershipOutcome.Done, owner, handover);
    }
}
