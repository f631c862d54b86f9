using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Mentions;

/// <summary>
/// Whether a named person may read a post (and a reply of it, when it is an internal note): the one visibility rule,
/// <see cref="PostVisibility"/>, asked for that person as if they were the viewer, on the post's row in memory. Not
/// restated here, so a mention links and suggests exactly whom the post page would show the text to.
/// </summary>
internal sealed class MentionAudience
{
    private readonly Post post;
    private readonly Reply reply;

    private MentionAudience(Post post, bool internalNote)
    {
        this.post = post;
        reply = new() { PostId = post.Id, AuthorId = "", Body = "", CreatedAt = post.CreatedAt, IsInternalNote = internalNote };
    }

    public string AuthorId => post.AuthorId;

    /// <summary>The post's facts the rule reads (not its text); null when there is no such post.</summary>
    public static async Task<MentionAudience?> LoadAsync(CareDb db, int postId, bool internalNote, CancellationToken ct)
    {
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == postId)
            .Select(p => new Post
            {
                Id = p.Id, Kind = p.Kind, Title = "", Body = "", AuthorId = p.AuthorId, CreatedAt = p.CreatedAt, UpdatedAt = p.UpdatedAt,
                IsPublic = p.IsPublic, RemovedAt = p.RemovedAt, HeldAt = p.HeldAt,
            })
            .FirstOrDefaultAsync(ct);
        return post is null ? null : new MentionAudience(post, internalNote);
    }

    public bool MayRead(string userId, bool worksHere)
    {
        var person = new Viewer(userId, IsStaff: worksHere, IsProductOwner: false, IsAdmin: false);
        return PostVisibility.VisibleTo(new[] { post }.AsQueryable(), person).Any()
            && PostVisibility.RepliesVisibleTo(new[] { reply }.AsQueryable(), person).Any();
    }
}
