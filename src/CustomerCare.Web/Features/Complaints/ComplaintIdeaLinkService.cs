using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>
/// "From complaint to improvement": staff link a complaint to the idea it led to, existing or new. The customer
/// follows that idea to shipped; the idea's other readers never learn of the complaint.
/// </summary>
public sealed class ComplaintIdeaLinkService(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, IdeaService ideas)
{
    /// <summary>How far a chain of merges is followed (a duplicate merged into an idea that was merged in turn).</summary>
    private const int MaxMergeHops = 5;

    private static readonly System.Linq.Expressions.Expression<Func<Post, LinkedIdeaView>> IdeaView =
        p => new LinkedIdeaView(p.Id, p.Title, p.Status, p.VoteCount, p.Status == PostStatus.Shipped ? p.ShippedIn : null);

    /// <summary>
    /// Links the complaint to a public idea, replacing an earlier link. A merged duplicate is followed to the idea
    /// it was merged into, where its votes and its future now live.
    /// </summary>
    public async Task<IdeaLinkResult> LinkIdeaAsync(int complaintId, int ideaId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (Refusal(viewer) is { } refused)
        {
            return refused;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var complaint = await LinkableComplaints(db).Where(p => p.Id == complaintId)
            .Select(p => new { p.LinkedIdeaId }).FirstOrDefaultAsync(ct);
        if (complaint is null)
        {
            return new(IdeaLinkOutcome.NotFound);
        }

        var idea = await FinalIdeaAsync(db, ideaId, ct);
        if (idea is null)
        {
            return new(IdeaLinkOutcome.IdeaNotFound);
        }

        if (complaint.LinkedIdeaId == idea.Id)
        {
            return new(IdeaLinkOutcome.Unchanged, idea);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var byId = viewer.UserId!;
        var changed = await db.ChangeAndRecordAsync(
            (d, c) => LinkableComplaints(d).Where(p => p.Id == complaintId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.LinkedIdeaId, idea.Id)
                    .SetProperty(p => p.LinkedIdeaById, byId)
                    .SetProperty(p => p.LinkedIdeaAt, now), c),
            new AuditEntry
            {
                PostId = complaintId, Action = AuditAction.IdeaLinked, ActorId = byId, At = now,
                Details = $"#{idea.Id} {idea.Title}" + (complaint.LinkedIdeaId is { } before ? $" (was #{before})" : ""),
            },
            ct);
        if (!changed)
        {
            return new(IdeaLinkOutcome.NotFound);
        }

        await bus.PublishAsync(new ComplaintIdeaLinked(complaintId, idea, now), ct);
        return new(IdeaLinkOutcome.Linked, idea);
    }

    public async Task<IdeaLinkResult> UnlinkIdeaAsync(int complaintId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (Refusal(viewer) is { } refused)
        {
            return refused;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var complaint = await LinkableComplaints(db).Where(p => p.Id == complaintId)
            .Select(p => new { p.LinkedIdeaId }).FirstOrDefaultAsync(ct);
        if (complaint?.LinkedIdeaId is not { } linkedId)
        {
            return new(complaint is null ? IdeaLinkOutcome.NotFound : IdeaLinkOutcome.Unchanged);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var byId = viewer.UserId!;
        var changed = await db.ChangeAndRecordAsync(
            (d, c) => LinkableComplaints(d).Where(p => p.Id == complaintId && p.LinkedIdeaId == linkedId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.LinkedIdeaId, (int?)null)
                    .SetProperty(p => p.LinkedIdeaById, (string?)null)
                    .SetProperty(p => p.LinkedIdeaAt, (DateTime?)null), c),
            new AuditEntry { PostId = complaintId, Action = AuditAction.IdeaUnlinked, ActorId = byId, At = now, Details = $"#{linkedId}" },
            ct);
        if (!changed)
        {
            return new(IdeaLinkOutcome.Unchanged);
        }

        await bus.PublishAsync(new ComplaintIdeaLinked(complaintId, null, now), ct);
        return new(IdeaLinkOutcome.Unlinked);
    }

    /// <summary>
    /// Staff turn a complaint into a new idea, written by them (the complaint's private text is never copied here):
    /// the idea goes through the same rules and the same path as any proposal, then the complaint is linked to it.
    /// </summary>
    public async Task<IdeaLinkResult> CreateIdeaFromComplaintAsync(int complaintId, ProposeIdea idea, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(idea);
        ArgumentNullException.ThrowIfNull(viewer);
        if (Refusal(viewer) is { } refused)
        {
            return refused;
        }

        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (!await LinkableComplaints(db).AnyAsync(p => p.Id == complaintId, ct))
            {
                return new(IdeaLinkOutcome.NotFound);
            }
        }

        var proposed = await ideas.ProposeAsync(idea, viewer, ct);
        if (proposed.Outcome == ProposeOutcome.LimitReached)
        {
            return new(IdeaLinkOutcome.LimitReached);
        }

        if (proposed.PostId is not { } ideaId)
        {
            return new(IdeaLinkOutcome.Invalid, Errors: proposed.Errors);
        }

        return await LinkIdeaAsync(complaintId, ideaId, viewer, ct);
    }

    /// <summary>The complaints that led to an idea (or to a duplicate merged into it). Only people who work here get any.</summary>
    public async Task<IReadOnlyList<LinkedComplaint>> ListComplaintsLinkedToAsync(int ideaId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.WorksHere)
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await LinkableComplaints(db).AsNoTracking()
            .Where(p => p.LinkedIdeaId == ideaId || p.LinkedIdea!.MergedIntoId == ideaId)
            .OrderByDescending(p => p.LinkedIdeaAt).ThenByDescending(p => p.Id)
            .Select(p => new LinkedComplaint(p.Id, p.Title, p.Status, p.Author!.DisplayName))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The idea <paramref name="complaints"/> (one complaint, already filtered to what the viewer may see) led to, as
    /// everyone may see it: a duplicate merged since shows the idea it went into; a removed idea shows nothing.
    /// </summary>
    internal static async Task<LinkedIdeaView?> LinkedIdeaAsync(CareDb db, IQueryable<Post> complaints, CancellationToken ct)
    {
        var ideaId = await complaints.Select(p => p.LinkedIdea!.MergedIntoId ?? p.LinkedIdeaId).FirstOrDefaultAsync(ct);
        return ideaId is null ? null : await PublicIdeas(db).AsNoTracking().Where(p => p.Id == ideaId).Select(IdeaView).FirstOrDefaultAsync(ct);
    }

    private static IdeaLinkResult? Refusal(Viewer viewer) =>
        viewer.UserId is null ? new(IdeaLinkOutcome.SignInRequired)
        : !viewer.WorksHere ? new(IdeaLinkOutcome.NotAllowed)
        : null;

    private static IQueryable<Post> LinkableComplaints(CareDb db) =>
        db.Posts.Where(p => p.Kind == PostKind.Complaint && p.RemovedAt == null);

    private static IQueryable<Post> PublicIdeas(CareDb db) =>
        PostVisibility.Listed(db.Posts).Where(p => p.Kind == PostKind.Idea && p.IsPublic);

    /// <summary>The idea a link should point to: the one asked for, or the idea its merges ended in; null if none is public.</summary>
    private static async Task<LinkedIdeaView?> FinalIdeaAsync(CareDb db, int ideaId, CancellationToken ct)
    {
        for (var hop = 0; hop <= MaxMergeHops; hop++)
        {
            var idea = await PublicIdeas(db).AsNoTracking().Where(p => p.Id == ideaId)
                .Select(p => new { p.MergedIntoId }).FirstOrDefaultAsync(ct);
            if (idea is null)
            {
                return null;
            }

            if (idea.MergedIntoId is not { } original)
            {
                return await PublicIdeas(db).AsNoTracking().Where(p => p.Id == ideaId).Select(IdeaView).FirstAsync(ct);
            }

            ideaId = original;
        }

        return null;
    }
}
