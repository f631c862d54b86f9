using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Posts;

/// <summary>The one rule of who may see which post; every read and every write asks it.</summary>
public static class PostVisibility
{
    // A removed post is gone for everyone who does not work here, its author included; staff still open
    // it (to restore it), while the lists leave it out for them as well.
    public static IQueryable<Post> VisibleTo(IQueryable<Post> posts, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.WorksHere ? posts : posts.Where(p => p.RemovedAt == null && (p.IsPublic || p.AuthorId == viewer.UserId));
    }
}
