using CustomerCare.Data;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Pictures;

/// <summary>A picture's bytes as the endpoint sends them; <see cref="Everyone"/>: a visitor may see it too, so caches may keep it.</summary>
public sealed record PictureFile(byte[] Bytes, string ContentType, bool Everyone);

/// <summary>
/// Serves a picture to whoever may read what it is on: its post (<see cref="PostVisibility.VisibleTo"/>) and, on a reply,
/// the reply (<see cref="PostVisibility.RepliesVisibleTo"/>; a hidden reply's pictures go where its body goes,
/// <see cref="PostVisibility.ReadsHiddenReplies"/>). Anyone else learns nothing: the answer is the one for a missing picture.
/// </summary>
public sealed class PictureService(IDbContextFactory<CareDb> dbs, IPictureStore store)
{
    public async Task<PictureFile?> OpenAsync(Guid id, bool thumbnail, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var contentType = await Readable(db, viewer).Where(p => p.Id == id).Select(p => p.ContentType).FirstOrDefaultAsync(ct);
        if (contentType is null || await store.ReadAsync(db, id, thumbnail, ct) is not { } bytes)
        {
            return null;
        }

        var everyone = !viewer.IsSignedIn || await Readable(db, Viewer.Anonymous).AnyAsync(p => p.Id == id, ct);
        return new(bytes, contentType, everyone);
    }

    /// <summary>
    /// A stored picture's bytes for the person's own data download, which chose the ids (their own uploads); never
    /// for a viewer (<see cref="OpenAsync"/> is).
    /// </summary>
    public async Task<byte[]?> ReadStoredAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await store.ReadAsync(db, id, thumbnail: false, ct);
    }

    private static IQueryable<Data.Entities.Picture> Readable(CareDb db, Viewer viewer)
    {
        var posts = PostVisibility.VisibleTo(db.Posts, viewer);
        var replies = PostVisibility.RepliesVisibleTo(db.Replies, viewer);
        var readsHidden = PostVisibility.ReadsHiddenReplies(viewer);
        return db.Pictures.AsNoTracking().Where(p => posts.Any(post => post.Id == p.PostId)
            && (p.ReplyId == null || replies.Any(r => r.Id == p.ReplyId && r.PostId == p.PostId && (r.HiddenAt == null || readsHidden))));
    }
}
