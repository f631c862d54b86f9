using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Moderation;

/// <summary>
/// Readers report a post or a reply they may see (not their own) with a reason; staff dismiss the reports of a target
/// or hide it (which resolves them, see <see cref="ReplyModerationService"/> and <see cref="ModerationService.RemoveAsync"/>).
/// A person has one open report per target; nobody learns who else reported.
/// </summary>
public sealed class ReportService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, PostingRights rights, ActivityLimits limits, SecurityLog securityLog)
{
    public async Task<ReportResult> ReportAsync(ReportInput input, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(ReportOutcome.SignInRequired);
        }

        if (await rights.BlockOfAsync(viewer, ct) is { } block)
        {
            return new(ReportOutcome.Blocked) { Block = block };
        }

        var reason = Enum.IsDefined(input.Reason) ? input.Reason : ReportReason.Other;
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note?.Length > Report.NoteMaxLength)
        {
            return new(ReportOutcome.NoteTooLong);
        }

        if (reason == ReportReason.Other && note is null)
        {
            return new(ReportOutcome.NoteRequired);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var authorId = await TargetAuthorAsync(db, input.PostId, input.ReplyId, viewer, ct);
        if (authorId is null)
        {
            return new(ReportOutcome.NotFound);
        }

        if (authorId == userId)
        {
            return new(ReportOutcome.OwnContent);
        }

        var key = Report.OpenKeyFor(input.PostId, input.ReplyId, userId);
        if (await db.Reports.AnyAsync(r => r.OpenKey == key, ct))
        {
            return new(ReportOutcome.AlreadyReported);
        }

        var now = time.GetUtcNow().UtcDateTime;
        TimeSpan? refused;
        try
        {
            // Counted like ideas and replies: a flood of reports is abuse of the queue.
            refused = await limits.SaveWithinLimitAsync(db, viewer, LimitedAct.Report, (d, _) =>
            {
                d.Reports.Add(new Report
                {
                    PostId = input.PostId, ReplyId = input.ReplyId, ReporterId = userId, Reason = reason, Note = note, CreatedAt = now, OpenKey = key,
                });
                return Task.CompletedTask;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // A second click raced the first: the unique key kept one open report. Any other refusal is no report.
            if (!await IsOpenAsync(key, ct))
            {
                throw;
            }

            return new(ReportOutcome.AlreadyReported);
        }

        if (refused is { } wait)
        {
            return new(ReportOutcome.LimitReached) { RetryAfter = wait };
        }

        await securityLog.RecordAsync(SecurityEventKind.PostReported, userId, client: null, detail: $"#{input.PostId}{(input.ReplyId is { } r ? $" reply {r}" : "")} {reason}", ct: ct);
        await bus.PublishAsync(new ReportFiled(input.PostId, input.ReplyId, reason, now), ct);
        return new(ReportOutcome.Reported);
    }

    /// <summary>Staff looked and found nothing wrong: every open report of exactly this target is closed as dismissed.</summary>
    public async Task<ReportResult> DismissAsync(int postId, long? replyId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!ModerationService.MayModerate(viewer))
        {
            return new(ReportOutcome.NotAllowed);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (await OpenReports.ResolveTargetAsync(db, postId, replyId, ReportResolution.Dismissed, viewer.UserId!, now, ct) == 0)
        {
            return new(ReportOutcome.Unchanged);
        }

        await bus.PublishAsync(new ModerationDecided(postId, replyId, ModerationDecision.Dismissed, now), ct);
        return new(ReportOutcome.Dismissed);
    }

    /// <summary>
    /// Who wrote the target, if the viewer may see it now: the post by the one visibility rule and not removed; a reply
    /// of that post the viewer may read (no internal note for customers, no one else's waiting reply) and not hidden.
    /// Null for anything else, so a report cannot probe what exists.
    /// </summary>
    private static async Task<string?> TargetAuthorAsync(CareDb db, int postId, long? replyId, Viewer viewer, CancellationToken ct)
    {
        var post = PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).Where(p => p.Id == postId && p.RemovedAt == null);
        if (replyId is null)
        {
            return await post.Select(p => p.AuthorId).FirstOrDefaultAsync(ct);
        }

        return await PostVisibility.RepliesVisibleTo(db.Replies.AsNoTracking(), viewer)
            .Where(r => r.Id == replyId && r.PostId == postId && r.HiddenAt == null && post.Any())
            .Select(r => r.AuthorId)
            .FirstOrDefaultAsync(ct);
    }

    private async Task<bool> IsOpenAsync(string key, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Reports.AnyAsync(r => r.OpenKey == key, ct);
    }
}
