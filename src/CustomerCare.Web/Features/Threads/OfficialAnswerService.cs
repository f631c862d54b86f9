using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Threads;

public enum OfficialAnswerOutcome
{
    Pinned,
    Unpinned,
    NotAllowed,
    NotFound,

    /// <summary>Only a public reply by someone who works here can speak for the company.</summary>
    NotEligible,
}

/// <summary>What became of pinning; <see cref="MessageKey"/> names the UI string that explains it.</summary>
public sealed record OfficialAnswerResult(OfficialAnswerOutcome Outcome)
{
    public bool Succeeded => Outcome is OfficialAnswerOutcome.Pinned or OfficialAnswerOutcome.Unpinned;

    public string MessageKey => $"Official_{Outcome}";
}

/// <summary>
/// Staff pin one reply on top of a post as the company's official answer. Internal notes are never
/// eligible, so the pinned answer is always one every reader of the post may see.
/// </summary>
public sealed class OfficialAnswerService(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time)
{
    public static bool MayPin(Viewer viewer) => viewer is { IsSignedIn: true, WorksHere: true };

    /// <summary>The rule the reply list uses to offer the action; <see cref="PinAsync"/> checks it again on the server.</summary>
    public static bool IsEligible(ReplyView reply) => reply is { IsInternalNote: false, Author.IsStaff: true, Hidden: null };

    public async Task<OfficialAnswerResult> PinAsync(int postId, long replyId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!MayPin(viewer))
        {
            return new(OfficialAnswerOutcome.NotAllowed);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = db.StaffUserIds;
        var reply = await db.Replies.AsNoTracking()
            .Where(r => r.Id == replyId && r.PostId == postId && r.Post!.RemovedAt == null && r.HiddenAt == null)
            .Select(r => new { r.IsInternalNote, ByStaff = staff.Contains(r.AuthorId) })
            .FirstOrDefaultAsync(ct);
        if (reply is null)
        {
            return new(OfficialAnswerOutcome.NotFound);
        }

        if (reply.IsInternalNote || !reply.ByStaff)
        {
            return new(OfficialAnswerOutcome.NotEligible);
        }

        var pinned = await db.Posts.Where(p => p.Id == postId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OfficialAnswerId, replyId), ct);
        if (pinned == 0)
        {
            return new(OfficialAnswerOutcome.NotFound);
        }

        await bus.PublishAsync(new OfficialAnswerChanged(postId, replyId, time.GetUtcNow().UtcDateTime), ct);
        return new(OfficialAnswerOutcome.Pinned);
    }

    public async Task<OfficialAnswerResult> UnpinAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!MayPin(viewer))
        {
            return new(OfficialAnswerOutcome.NotAllowed);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var unpinned = await db.Posts.Where(p => p.Id == postId && p.RemovedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OfficialAnswerId, (long?)null), ct);
        if (unpinned == 0)
        {
            return new(OfficialAnswerOutcome.NotFound);
        }

        await bus.PublishAsync(new OfficialAnswerChanged(postId, null, time.GetUtcNow().UtcDateTime), ct);
        return new(OfficialAnswerOutcome.Unpinned);
    }
}
