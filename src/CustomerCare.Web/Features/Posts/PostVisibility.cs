using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Posts;

/// <summary>The one rule of who may see which post and reply; every read and every write asks it.</summary>
public static class PostVisibility
{
    // A removed post is gone for everyone who does not work here, its author included; staff still open
    // it (to restore it), while the lists leave it out for them as well. A post that waits for approval is its
    // author's and the team's only.
    public static IQueryable<Post> VisibleTo(IQueryable<Post> posts, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.WorksHere
            ? posts
            : posts.Where(p => p.RemovedAt == null && ((p.IsPublic && p.HeldAt == null) || p.AuthorId == viewer.UserId));
    }

    /// <summary>
    /// What lists show, to everyone (staff too): neither removed nor waiting for approval. A held post is reached only
    /// through its own page (its author, staff) and the moderation queue; boards, roadmap, changelog, similar ideas and
    /// link targets never list it, so nothing about it reaches anyone else.
    /// </summary>
    public static IQueryable<Post> Listed(IQueryable<Post> posts) => posts.Where(p => p.RemovedAt == null && p.HeldAt == null);

    /// <summary>A thread's replies the viewer may read: internal notes for staff only, a waiting reply for its author and staff.</summary>
    public static IQueryable<Reply> RepliesVisibleTo(IQueryable<Reply> replies, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.WorksHere ? replies : replies.Where(r => !r.IsInternalNote && (r.HeldAt == null || r.AuthorId == viewer.UserId));
    }

    /// <summary>
    /// Whether the viewer reads the body of a hidden reply: only people who work here (to judge and restore it). Everyone
    /// else gets the placeholder with the team's reason; the body never leaves the server for them.
    /// </summary>
    public static bool ReadsHiddenReplies(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.WorksHere;
    }

    /// <summary>
    /// A reply's events travel on the post's public topic only when every reader may see the reply; an internal note
    /// or a reply that waits for approval travels on the staff topic, which no customer's page or hub connection joins.
    /// </summary>
    public static string TopicOf(int postId, ReplyView reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply.IsInternalNote || reply.IsHeld ? Live.LiveTopics.PostStaff(postId) : Live.LiveTopics.Post(postId);
    }
}
