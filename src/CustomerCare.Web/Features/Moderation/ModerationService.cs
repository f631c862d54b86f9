using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Moderation;

/// <summary>
/// Edits, soft removals and restores, each with an audit row saying who, when and what was there before.
/// Every rule is checked here; the buttons on the page only hide what would be refused anyway.
/// </summary>
public sealed class ModerationService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, Notifications.NotificationService notifications)
{
    /// <summary>How long an author may correct a post, unless someone who works here answers first.</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(30);

    public async Task<EditAccess> GetEditAccessAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is null)
        {
            return EditAccess.None;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var post = await FindAsync(db, postId, ct);
        if (post is null || (post.RemovedAt is not null && !viewer.WorksHere))
        {
            return EditAccess.None;
        }

        if (viewer.WorksHere)
        {
            return new(true, null, post.Title, post.Body, post.CategoryId);
        }

        if (post.AuthorId != viewer.UserId)
        {
            return EditAccess.None;
        }

        var closesAt = post.CreatedAt + EditWindow;
        var open = time.GetUtcNow().UtcDateTime < closesAt && !post.StaffAnswered;
        return open ? new(true, closesAt, post.Title, post.Body, post.CategoryId) : EditAccess.None;
    }

    public async Task<ModerationResult> EditAsync(
        int postId, string title, string body, int? categoryId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            return new(ModerationOutcome.NotAllowed);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var post = await FindAsync(db, postId, ct);
        if (post is null || (post.RemovedAt is not null && !viewer.WorksHere))
        {
            return new(ModerationOutcome.NotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!viewer.WorksHere)
        {
            if (post.AuthorId != userId)
            {
                return new(ModerationOutcome.NotAllowed);
            }

            if (now >= post.CreatedAt + EditWindow || post.StaffAnswered)
            {
                return new(ModerationOutcome.EditWindowClosed);
            }
        }

        title = TextRules.Line(title);
        body = TextRules.Block(body);
        var errors = PostRules.Validate(title, body);
        if (categoryId is { } category && !await db.Categories.AnyAsync(c => c.Id == category, ct))
        {
            errors[nameof(Post.CategoryId)] = PostErrors.CategoryUnknown;
        }

        if (errors.Count > 0)
        {
            return new(ModerationOutcome.Invalid, errors);
        }

        var audit = new AuditEntry
        {
            PostId = postId,
            Action = AuditAction.Edited,
            ActorId = userId,
            At = now,
            Details = Truncate($"{post.Title}\n\n{post.Body}", AuditEntry.DetailsMaxLength),
        };
        var saved = await db.ChangeAndRecordAsync((db, ct) => db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Title, title)
            .SetProperty(p => p.Body, body)
            .SetProperty(p => p.CategoryId, categoryId)
            .SetProperty(p => p.UpdatedAt, now), ct), audit, ct);
        if (!saved)
        {
            return new(ModerationOutcome.NotFound);
        }

        await bus.PublishAsync(new PostEdited(postId, title, body, now), ct);
        return new(ModerationOutcome.Done);
    }

    public Task<ModerationResult> RemoveAsync(int postId, string reason, Viewer viewer, CancellationToken ct = default) =>
        RemoveAsync(postId, reason, AuditAction.Removed, viewer, ct);

    /// <summary>
    /// A soft removal, audited as <paramref name="action"/>: <see cref="AuditAction.Removed"/>, or
    /// <see cref="AuditAction.Rejected"/> for an idea that waited for approval (<see cref="HoldReviewService"/>), which
    /// only such an idea can be. Every open report of the post and its replies closes with it, as hidden.
    /// </summary>
    internal async Task<ModerationResult> RemoveAsync(int postId, string reason, AuditAction action, Viewer viewer, CancellationToken ct)
    {
        if (Refusal(viewer, reason, Post.RemovalReasonMaxLength, out var trimmed) is { } invalid)
        {
            return new(invalid);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Posts.AnyAsync(p => p.Id == postId, ct))
        {
            return new(ModerationOutcome.NotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var audit = new AuditEntry { PostId = postId, Action = action, ActorId = viewer.UserId!, At = now, Reason = trimmed };
        var rejecting = action == AuditAction.Rejected;
        var saved = await db.ChangeAndRecordAsync(async (db, ct) =>
        {
            var removed = await db.Posts.Where(p => p.Id == postId && p.RemovedAt == null && (!rejecting || p.HeldAt != null)).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.RemovedAt, now)
                .SetProperty(p => p.RemovedById, viewer.UserId)
                .SetProperty(p => p.RemovalReason, trimmed), ct);
            return removed == 0 ? 0 : removed + await OpenReports.ResolvePostAsync(db, postId, ReportResolution.Hidden, viewer.UserId!, now, ct);
        }, audit, ct);
        if (!saved)
        {
            return new(ModerationOutcome.Unchanged);
        }

        await bus.PublishAsync(new PostRemoved(postId, now), ct);
        await bus.PublishAsync(new ModerationDecided(postId, null, rejecting ? ModerationDecision.Rejected : ModerationDecision.Hidden, now), ct);
        // Its notifications leave their readers' lists: their bells count again.
        await notifications.PostVisibilityChangedAsync(postId);
        return new(ModerationOutcome.Done);
    }

    public async Task<ModerationResult> RestoreAsync(int postId, string? reason, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!MayModerate(viewer))
        {
            return new(ModerationOutcome.NotAllowed);
        }

        var trimmed = TextRules.Block(reason) is var clean && !TextRules.IsBlank(clean) ? clean : null;
        if (trimmed?.Length > AuditEntry.ReasonMaxLength)
        {
            return new(ModerationOutcome.ReasonTooLong);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Posts.AnyAsync(p => p.Id == postId, ct))
        {
            return new(ModerationOutcome.NotFound);
        }

        var audit = new AuditEntry
        {
            PostId = postId, Action = AuditAction.Restored, ActorId = viewer.UserId!, At = time.GetUtcNow().UtcDateTime, Reason = trimmed,
        };
        var saved = await db.ChangeAndRecordAsync((db, ct) => db.Posts.Where(p => p.Id == postId && p.RemovedAt != null).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.RemovedAt, (DateTime?)null)
            .SetProperty(p => p.RemovedById, (string?)null)
            .SetProperty(p => p.RemovalReason, (string?)null), ct), audit, ct);
        if (!saved)
        {
            return new(ModerationOutcome.Unchanged);
        }

        await bus.PublishAsync(new PostRestored(postId, audit.At), ct);
        await bus.PublishAsync(new ModerationDecided(postId, null, ModerationDecision.Restored, audit.At), ct); // one that waited waits again
        await notifications.PostVisibilityChangedAsync(postId);
        return new(ModerationOutcome.Done);
    }

    /// <summary>Who edited, removed or restored the post, oldest first. Only people who work here may ask.</summary>
    public async Task<IReadOnlyList<AuditEntryView>> ListAuditAsync(int postId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!MayModerate(viewer))
        {
            throw new UnauthorizedAccessException("Only staff can read the audit trail.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.PostId == postId)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new AuditEntryView(a.Action, a.Actor!.DisplayName, a.At, a.Reason, a.Details, a.ReplyId))
            .ToListAsync(ct);
    }

    public static bool MayModerate(Viewer viewer) => viewer is { IsSignedIn: true, WorksHere: true };

    /// <summary>
    /// What every act with a reason (remove, hide, reject, block) checks first: the viewer moderates, and the reason,
    /// cleaned as any stored text (<see cref="TextRules.Block"/>), is there and fits <paramref name="maxLength"/>.
    /// </summary>
    internal static ModerationOutcome? Refusal(Viewer viewer, string? reason, int maxLength, out string cleaned)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        cleaned = TextRules.Block(reason);
        if (!MayModerate(viewer))
        {
            return ModerationOutcome.NotAllowed;
        }

        if (TextRules.IsBlank(cleaned))
        {
            return ModerationOutcome.ReasonRequired;
        }

        return cleaned.Length > maxLength ? ModerationOutcome.ReasonTooLong : null;
    }

    private static Task<PostState?> FindAsync(CareDb db, int postId, CancellationToken ct)
    {
        var staff = db.StaffUserIds;

        // Only a public answer by someone who works here ends the author's window; an internal note does not.
        return db.Posts.AsNoTracking().Where(p => p.Id == postId)
            .Select(p => new PostState(
                p.AuthorId, p.Title, p.Body, p.CategoryId, p.CreatedAt, p.RemovedAt,
                p.Replies.Any(r => !r.IsInternalNote && staff.Contains(r.AuthorId))))
            .FirstOrDefaultAsync(ct);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private sealed record PostState(
        string AuthorId, string Title, string Body, int? CategoryId, DateTime CreatedAt, DateTime? RemovedAt, bool StaffAnswered);
}
