using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Moderation;

/// <summary>
/// The moderation queue at <c>/moderation</c>: open reports grouped by target, what waits for approval, and who is
/// blocked. Only people who work here may ask; anyone else gets an <see cref="UnauthorizedAccessException"/> (the page
/// is staff-only, so reaching this is an error, not an outcome). Reporters are never named, not even here.
/// </summary>
public sealed class ModerationQueueService(IDbContextFactory<CareDb> dbs, MarkdownRenderer markdown)
{
    /// <summary>At most this many open reports and waiting items are read; the oldest come first.</summary>
    public const int MaxRows = 500;

    public const int ExcerptLength = 220;

    public async Task<QueueView> ListAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!ModerationService.MayModerate(viewer))
        {
            throw new UnauthorizedAccessException("Only staff can open the moderation queue.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var reports = await db.Reports.AsNoTracking().Where(r => r.ResolvedAt == null)
            .OrderBy(r => r.CreatedAt).Take(MaxRows)
            .Select(r => new { r.PostId, r.ReplyId, r.Reason, r.Note, r.CreatedAt })
            .ToListAsync(ct);
        var heldPosts = await db.Posts.AsNoTracking().Where(p => p.HeldAt != null && p.RemovedAt == null)
            .OrderBy(p => p.HeldAt).Take(MaxRows).Select(p => new { p.Id, p.HeldAt, p.HoldReason }).ToListAsync(ct);
        var heldReplies = await db.Replies.AsNoTracking().Where(r => r.HeldAt != null && r.HiddenAt == null && r.Post!.RemovedAt == null)
            .OrderBy(r => r.HeldAt).Take(MaxRows).Select(r => new { r.Id, r.HeldAt, r.HoldReason }).ToListAsync(ct);

        var postIds = reports.Where(r => r.ReplyId is null).Select(r => r.PostId).Concat(heldPosts.Select(p => p.Id)).ToHashSet();
        var replyIds = reports.Where(r => r.ReplyId is not null).Select(r => r.ReplyId!.Value).Concat(heldReplies.Select(r => r.Id)).ToHashSet();
        var targets = await TargetsAsync(db, postIds, replyIds, viewer, ct);

        var reported = reports.GroupBy(r => (r.PostId, r.ReplyId))
            .Select(g => (Target: targets.Find(g.Key.PostId, g.Key.ReplyId), Reports: g))
            .Where(g => g.Target is not null)
            .Select(g => new ReportedItem(
                g.Target!,
                g.Reports.Count(),
                [.. g.Reports.GroupBy(r => r.Reason).Select(r => new ReasonCount(r.Key, r.Count())).OrderByDescending(r => r.Count).ThenBy(r => r.Reason)],
                [.. g.Reports.Where(r => r.Note is not null).Select(r => r.Note!)],
                g.Reports.Min(r => r.CreatedAt),
                g.Reports.Max(r => r.CreatedAt)))
            .OrderByDescending(i => i.Count).ThenBy(i => i.FirstAt)
            .ToList();
        var held = heldPosts.Select(p => (Target: targets.Find(p.Id, null), p.HeldAt, p.HoldReason))
            .Concat(heldReplies.Select(r => (Target: targets.Find(0, r.Id), r.HeldAt, r.HoldReason)))
            .Where(h => h.Target is not null)
            .Select(h => new HeldItem(h.Target!, h.HoldReason ?? HoldReason.NewAccount, h.HeldAt!.Value))
            .OrderBy(h => h.HeldAt)
            .ToList();
        return new(reported, held, await BlockedAsync(db, viewer, ct));
    }

    private async Task<QueueTargets> TargetsAsync(CareDb db, HashSet<int> postIds, HashSet<long> replyIds, Viewer viewer, CancellationToken ct)
    {
        var staff = db.StaffUserIds;
        var posts = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id))
            .Select(p => new TargetRow(p.Id, null, p.Kind, p.Title, p.Body.Substring(0, ExcerptLength * 2),
                new AuthorInfo(p.AuthorId, p.Author!.DisplayName, p.Author.AvatarUrl, p.Author.JobTitle, p.Author.CustomerSince, staff.Contains(p.AuthorId)),
                p.CreatedAt, p.Author.BlockedAt != null))
            .ToListAsync(ct);
        var replies = await db.Replies.AsNoTracking().Where(r => replyIds.Contains(r.Id))
            .Select(r => new TargetRow(r.PostId, r.Id, r.Post!.Kind, r.Post.Title, r.Body.Substring(0, ExcerptLength * 2),
                new AuthorInfo(r.AuthorId, r.Author!.DisplayName, r.Author.AvatarUrl, r.Author.JobTitle, r.Author.CustomerSince, staff.Contains(r.AuthorId)),
                r.CreatedAt, r.Author.BlockedAt != null))
            .ToListAsync(ct);
        var targets = new QueueTargets();
        foreach (var row in posts.Concat(replies))
        {
            var target = new QueueTarget(row.PostId, row.ReplyId, row.Kind, row.Title, markdown.ToPlainText(row.Body, ExcerptLength), row.Author,
                row.WrittenAt, row.Blocked, BlockService.MayBlock(viewer, row.Author.Id, row.Author.IsStaff));
            if (row.ReplyId is { } replyId)
            {
                targets.Replies[replyId] = target;
            }
            else
            {
                targets.Posts[row.PostId] = target;
            }
        }

        return targets;
    }

    private static async Task<IReadOnlyList<BlockedPerson>> BlockedAsync(CareDb db, Viewer viewer, CancellationToken ct)
    {
        var staff = db.StaffUserIds;
        var rows = await db.Users.AsNoTracking().Where(u => u.BlockedAt != null)
            .OrderByDescending(u => u.BlockedAt).Take(MaxRows)
            .Select(u => new
            {
                Person = new AuthorInfo(u.Id, u.DisplayName, u.AvatarUrl, u.JobTitle, u.CustomerSince, staff.Contains(u.Id)),
                At = u.BlockedAt!.Value,
                ByName = db.Users.Where(b => b.Id == u.BlockedById).Select(b => b.DisplayName).FirstOrDefault() ?? "",
                Reason = u.BlockReason ?? "",
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new BlockedPerson(r.Person, r.At, r.ByName, r.Reason, BlockService.MayBlock(viewer, r.Person.Id, r.Person.IsStaff)))];
    }

    // A post's target by its id, a reply's by the reply's id alone (held replies are found without their post).
    private sealed class QueueTargets
    {
        public Dictionary<int, QueueTarget> Posts { get; } = [];

        public Dictionary<long, QueueTarget> Replies { get; } = [];

        public QueueTarget? Find(int postId, long? replyId) =>
            replyId is { } id ? Replies.GetValueOrDefault(id) : Posts.GetValueOrDefault(postId);
    }

    private sealed record TargetRow(int PostId, long? ReplyId, PostKind Kind, string Title, string Body, AuthorInfo Author, DateTime WrittenAt, bool Blocked);
}
