using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Data.Seeding;

public sealed partial class DemoSeeder
{
    // What the demo's customers wrote when they said thank you; the first few let the staff member's profile show it.
    private static readonly string[] ThanksNotes =
    [
        "You called me back within the hour and explained everything. Thank you!",
        "Clear answer, no runaround. Much appreciated.",
        "Danke für die schnelle und freundliche Hilfe!",
        "You kept at it until it really worked.",
        "Thanks for listening to us customers.",
    ];

    /// <summary>
    /// Thanks as the demo's customers gave them: each solved complaint's customer thanks its owner, and the author of an
    /// idea thanks the team's replies in its thread. After the posts are saved, since thanks name replies by id.
    /// </summary>
    private static async Task SeedThanksAsync(CareDb db, DateTime now, CancellationToken ct)
    {
        var staff = db.StaffUserIds;
        var solved = await db.Posts.Where(p => p.Kind == PostKind.Complaint && p.Status == PostStatus.Solved && p.OwnerId != null)
            .Select(p => new { p.Id, p.AuthorId, OwnerId = p.OwnerId!, p.UpdatedAt }).ToListAsync(ct);
        var answered = await db.Replies.Where(r => staff.Contains(r.AuthorId) && !r.IsInternalNote && r.Post!.IsPublic
                && !staff.Contains(r.Post.AuthorId))
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.PostId, r.AuthorId, PostAuthorId = r.Post!.AuthorId, r.CreatedAt }).ToListAsync(ct);
        var thanks = solved.Select(c => (c.AuthorId, c.OwnerId, c.Id, (long?)null, Thanks.ComplaintTarget(c.Id), c.UpdatedAt))
            .Concat(answered.Select(r => (r.PostAuthorId, r.AuthorId, r.PostId, (long?)r.Id, Thanks.ReplyTarget(r.Id), r.CreatedAt)))
            .Select((t, i) => new Thanks
            {
                FromUserId = t.Item1, ToUserId = t.Item2, PostId = t.Item3, ReplyId = t.Item4, Target = t.Item5,
                Note = i % 3 == 2 ? null : ThanksNotes[i % ThanksNotes.Length], ShowNote = i % 3 == 0,
                CreatedAt = t.Item6.AddHours(2) < now ? t.Item6.AddHours(2) : now,
            });
        db.Thanks.AddRange(thanks);
        await db.SaveChangesAsync(ct);
    }
}
