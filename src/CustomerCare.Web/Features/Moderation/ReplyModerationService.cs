using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Moderation;

/// <summary>
/// Staff hide a reply with a reason every reader sees in its place ("hidden by our team: …"), and restore it. The row
/// and its body stay (staff still read them); readers who do not work here never receive the body again, neither in
/// the thread's read nor in any event. Each hide and restore writes an audit row and closes the reply's open reports.
/// </summary>
public sealed class ReplyModerationService(IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time)
{
    public Task<ModerationResult> HideAsync(long replyId, string reason, Viewer viewer, CancellationToken ct = default) =>
        HideAsync(replyId, reason, AuditAction.Hidden, viewer, ct);

    /// <summary>
    /// Hiding, audited as <paramref name="action"/>: <see cref="AuditAction.Hidden"/>, or <see cref="AuditAction.Rejected"/>
    /// for a reply that waited for approval (only such a reply can be rejected; it then stays unapproved and hidden).
    /// </summary>
    internal async Task<ModerationResult> HideAsync(long replyId, string reason, AuditAction action, Viewer viewer, CancellationToken ct)
    {
        if (ModerationService.Refusal(viewer, reason, Reply.HiddenReasonMaxLength, out var trimmed) is { } invalid)
        {
            return new(invalid);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var reply = await db.Replies.AsNoTracking().Where(r => r.Id == replyId)
            .Select(r => new { r.PostId, r.IsInternalNote, Held = r.HeldAt != null }).FirstOrDefaultAsync(ct);
        if (reply is null)
        {
            return new(ModerationOutcome.NotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rejecting = action == AuditAction.Rejected;
        var unpinned = false;
        var audit = new AuditEntry { PostId = reply.PostId, ReplyId = replyId, Action = action, ActorId = viewer.UserId!, At = now, Reason = trimmed };
        var saved = await db.ChangeAndRecordAsync(async (db, ct) =>
        {
            var hidden = await db.Replies.Where(r => r.Id == replyId && r.HiddenAt == null && (!rejecting || r.HeldAt != null))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.HiddenAt, now)
                    .SetProperty(r => r.HiddenById, viewer.UserId)
                    .SetProperty(r => r.HiddenReason, trimmed), ct);
            if (hidden == 0)
            {
                return 0;
            }

            await OpenReports.ResolveTargetAsync(db, reply.PostId, replyId, ReportResolution.Hidden, viewer.UserId!, now, ct);

            // A hidden reply cannot speak for the company on top of the thread.
            unpinned = await db.Posts.Where(p => p.Id == reply.PostId && p.OfficialAnswerId == replyId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.OfficialAnswerId, (long?)null), ct) > 0;
            return hidden;
        }, audit, ct);
        if (!saved)
        {
            return new(ModerationOutcome.Unchanged);
        }

        // The reason, never the body: open threads of customers drop the text they have.
        await bus.PublishAsync(new ReplyHidden(reply.PostId, replyId, new ReplyHiding(now, trimmed), reply.IsInternalNote || reply.Held, now), ct);
        if (unpinned)
        {
            await bus.PublishAsync(new OfficialAnswerChanged(reply.PostId, null, now), ct);
        }

        await bus.PublishAsync(new ModerationDecided(reply.PostId, replyId, rejecting ? ModerationDecision.Rejected : ModerationDecision.Hidden, now), ct);
        return new(ModerationOutcome.Done);
    }

    /// <summary>Brings a hidden reply back as it was (a rejected one waits for approval again); the reason is optional.</summary>
    public async Task<ModerationResult> RestoreAsync(long replyId, string? reason, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!ModerationService.MayModerate(viewer))
        {
            return new(ModerationOutcome.NotAllowed);
        }

        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed?.Length > AuditEntry.ReasonMaxLength)
        {
            return new(ModerationOutcome.ReasonTooLong);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var postId = await db.Replies.Where(r => r.Id == replyId).Select(r => (int?)r.PostId).FirstOrDefaultAsync(ct);
        if (postId is null)
        {
            return new(ModerationOutcome.NotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var audit = new AuditEntry { PostId = postId.Value, ReplyId = replyId, Action = AuditAction.Restored, ActorId = viewer.UserId!, At = now, Reason = trimmed };
        var saved = await db.ChangeAndRecordAsync((db, ct) => db.Replies.Where(r => r.Id == replyId && r.HiddenAt != null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.HiddenAt, (DateTime?)null)
            .SetProperty(r => r.HiddenById, (string?)null)
            .SetProperty(r => r.HiddenReason, (string?)null), ct), audit, ct);
        if (!saved)
        {
            return new(ModerationOutcome.Unchanged);
        }

        var view = await db.Replies.AsNoTracking().Where(r => r.Id == replyId).Select(ReplyViews.For(db, readsHiddenBodies: false)).FirstAsync(ct);
        await bus.PublishAsync(new ReplyRestored(view, postId.Value, now), ct);
        await bus.PublishAsync(new ModerationDecided(postId.Value, replyId, ModerationDecision.Restored, now), ct);
        return new(ModerationOutcome.Done);
    }
}
