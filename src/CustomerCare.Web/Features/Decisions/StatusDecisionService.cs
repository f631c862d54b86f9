using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Webhooks;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Decisions;

/// <summary>
/// Product owners (and admins) decide what becomes of an idea. Every rule is checked here, whoever
/// calls: the decision panel only hides itself from the others.
/// </summary>
public sealed class StatusDecisionService(
    IDbContextFactory<CareDb> dbs, ILiveBus bus, TimeProvider time, Notifications.NotificationService notifications,
    WebhookPublisher webhooks)
{
    public static bool MayDecide(Viewer viewer) =>
        viewer is { IsSignedIn: true } && (viewer.IsProductOwner || viewer.IsAdmin);

    public async Task<StatusChangeResult> ChangeStatusAsync(
        int postId, PostStatus to, string? note, string? shippedIn, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!MayDecide(viewer))
        {
            return new(StatusChangeOutcome.NotAllowed);
        }

        note = TextRules.Block(note) is var cleanNote && !TextRules.IsBlank(cleanNote) ? cleanNote : null;
        var release = TextRules.Line(shippedIn) is var cleanRelease && !TextRules.IsBlank(cleanRelease) ? cleanRelease : null;
        if (Validate(to, note, release) is { } refused)
        {
            return new(refused);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var from = await db.Posts.AsNoTracking().Where(p => p.Id == postId && p.Kind == PostKind.Idea)
            .Select(p => (PostStatus?)p.Status).FirstOrDefaultAsync(ct);
        if (from is not { } current)
        {
            return new(StatusChangeOutcome.NotFound);
        }

        if (current == to)
        {
            return new(StatusChangeOutcome.Unchanged);
        }

        var userId = viewer.UserId!;
        var byName = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        if (byName is null)
        {
            return new(StatusChangeOutcome.NotAllowed);
        }

        var decision = new Decision(postId, current, to, userId, note, release, time.GetUtcNow().UtcDateTime);
        // The guard holds the status the decision was made on: of two product owners deciding at once,
        // the second is refused rather than writing a history row with a wrong "from".
        var saved = await db.ChangeAndRecordAsync(
            (db, ct) => db.Posts
                .Where(p => p.Id == decision.PostId && p.Kind == PostKind.Idea && p.Status == decision.From)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.Status, decision.To)
                    .SetProperty(p => p.ShippedIn, decision.Release)
                    .SetProperty(p => p.UpdatedAt, decision.At), ct),
            new StatusChange
            {
                PostId = decision.PostId,
                From = decision.From,
                To = decision.To,
                ChangedById = decision.ById,
                Note = decision.Note,
                ChangedAt = decision.At,
            },
            ct);
        if (!saved)
        {
            return new(StatusChangeOutcome.Conflict);
        }

        var changed = new StatusChanged(postId, current, to, byName, note, release, decision.At, ById: decision.ById);
        await bus.PublishAsync(changed, ct);
        await bus.PublishAsync(changed with { Topic = LiveTopics.Decisions }, ct);
        var detail = new Notifications.NotificationDetail(to, release, note).ToJson();
        var kind = to == PostStatus.Shipped ? NotificationKind.Shipped : NotificationKind.StatusChanged;
        await notifications.NotifyAsync(new(kind, postId, userId, Detail: detail));
        await webhooks.PublishAsync(new(WebhookEvents.IdeaStatusChanged, postId, $"{postId}:{decision.At.Ticks}",
            Extra: new Dictionary<string, object?> { ["from"] = current.ToString(), ["to"] = to.ToString(), ["note"] = note, ["shippedIn"] = release }));
        return new(StatusChangeOutcome.Changed);
    }

    private static StatusChangeOutcome? Validate(PostStatus to, string? note, string? release)
    {
        if (!PostRules.IdeaStatuses.Contains(to))
        {
            return StatusChangeOutcome.InvalidStatus;
        }

        if (to == PostStatus.Declined && note is null)
        {
            return StatusChangeOutcome.ReasonRequired;
        }

        if (note?.Length > StatusChange.NoteMaxLength)
        {
            return StatusChangeOutcome.NoteTooLong;
        }

        if (release is not null && to != PostStatus.Shipped)
        {
            return StatusChangeOutcome.ReleaseOnlyWhenShipped;
        }

        return release?.Length > Post.ReleaseMaxLength ? StatusChangeOutcome.ReleaseTooLong : null;
    }

    // The post moves only if it still has the status the decision was made on, so two product owners
    // deciding at once cannot write a history whose From no longer matches what was shown.
    private sealed record Decision(int PostId, PostStatus From, PostStatus To, string ById, string? Note, string? Release, DateTime At);
}
