using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Posts;

/// <summary>Reads one idea or complaint, or a few cards by id, as the viewer may see them.</summary>
public sealed class PostService(IDbContextFactory<CareDb> dbs, MarkdownRenderer markdown)
{
    /// <summary>Null when the post does not exist or the viewer may not see it (a private complaint of someone else).</summary>
    public async Task<PostDetails?> GetAsync(int id, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var visible = PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).Where(p => p.Id == id);
        var summary = await visible.Select(PostCards.Summary(db, viewer.UserId)).FirstOrDefaultAsync(ct);
        if (summary is null)
        {
            return null;
        }

        var body = await visible.Select(p => p.Body).FirstAsync(ct);

        // Internal notes, other people's waiting replies and hidden replies' bodies never leave the server for anyone
        // who does not work here.
        var replies = await PostVisibility.RepliesVisibleTo(db.Replies.AsNoTracking(), viewer)
            .Where(r => r.PostId == id)
            .OrderBy(r => r.CreatedAt)
            .Select(ReplyViews.For(db, PostVisibility.ReadsHiddenReplies(viewer)))
            .ToListAsync(ct);
        var history = await db.StatusChanges.AsNoTracking()
            .Where(s => s.PostId == id)
            .OrderBy(s => s.ChangedAt)
            .Select(s => new StatusChangeView(s.From, s.To, s.ChangedBy!.DisplayName, s.Note, s.ChangedAt))
            .ToListAsync(ct);
        var removal = await visible.Where(p => p.RemovedAt != null)
            .Select(p => new RemovalInfo(p.RemovedAt!.Value, db.Users.Where(u => u.Id == p.RemovedById).Select(u => u.DisplayName).FirstOrDefault() ?? "", p.RemovalReason))
            .FirstOrDefaultAsync(ct);
        var editedAt = await db.AuditEntries.Where(a => a.PostId == id && a.Action == AuditAction.Edited).MaxAsync(a => (DateTime?)a.At, ct);
        var extra = await visible
            .Select(p => new
            {
                p.MergedIntoId, MergedIntoTitle = p.MergedInto!.Title, p.OfficialAnswerId, Held = p.HeldAt == null ? null : p.HoldReason,
                Answer = p.AnswerId == null ? null : new AnswerMark(p.AnswerId.Value,
                    db.Users.Where(u => u.Id == p.AnswerMarkedById).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                    p.AnswerMarkedById == p.AuthorId ? null : db.Users.Where(u => u.Id == p.AnswerMarkedById).Select(u => u.JobTitle).FirstOrDefault(),
                    p.AnswerMarkedById == p.AuthorId, p.AnswerMarkedAt!.Value),
            })
            .FirstAsync(ct);
        var mergedInto = extra.MergedIntoId is { } originalId ? new MergedIntoInfo(originalId, extra.MergedIntoTitle) : null;
        var pictures = await db.Pictures.AsNoTracking().Where(p => p.PostId == id && p.ReplyId == null)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(ReplyViews.OfPicture).ToListAsync(ct);
        return new(markdown.Finish([summary])[0], body, replies, history, removal, editedAt, mergedInto, extra.OfficialAnswerId, extra.Held, extra.Answer, pictures);
    }

    /// <summary>The cards for <paramref name="ids"/> the viewer may see, in the order asked for.</summary>
    public async Task<IReadOnlyList<PostSummary>> ListByIdsAsync(IReadOnlyCollection<int> ids, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(viewer);
        if (ids.Count == 0)
        {
            return [];
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var found = await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer)
            .Where(p => ids.Contains(p.Id))
            .Select(PostCards.Summary(db, viewer.UserId))
            .ToListAsync(ct);
        var byId = markdown.Finish(found).ToDictionary(p => p.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }
}
