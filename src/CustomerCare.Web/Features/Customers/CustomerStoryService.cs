using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.Customers;

/// <summary>
/// "The corner shop owner knew every customer": a customer's story for the people who work here, reached from the desk
/// and from their posts. Internal (private complaints, removed ideas are in it), so only people who work here get it;
/// anyone else, and any id that is no customer's, gets nothing. Each list is one indexed query by the person's id.
/// </summary>
public sealed class CustomerStoryService(IDbContextFactory<CareDb> dbs, TimeProvider time)
{
    /// <summary>The most of each kind a story lists, newest first; the totals count all.</summary>
    public const int Shown = 50;

    public async Task<CustomerStory?> StoryAsync(string customerId, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.WorksHere)
        {
            return null;
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = db.StaffUserIds;
        var person = await db.Users.AsNoTracking().Where(u => u.Id == customerId && !staff.Contains(u.Id))
            .Select(u => new StoryPerson(u.Id, u.DisplayName, u.AvatarUrl, u.CustomerSince, u.Language, u.DeletedAt != null, u.BlockedAt))
            .FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return null;
        }

        var posts = db.Posts.AsNoTracking().Where(p => p.AuthorId == customerId);
        var ideas = posts.Where(p => p.Kind == PostKind.Idea);
        var complaints = posts.Where(p => p.Kind == PostKind.Complaint);
        var votes = db.Votes.AsNoTracking().Where(v => v.UserId == customerId);
        var thanks = db.Thanks.AsNoTracking().Where(t => t.FromUserId == customerId);
        var replies = db.Replies.AsNoTracking();
        var lastPost = await posts.MaxAsync(p => (DateTime?)p.CreatedAt, ct);
        var lastReply = await replies.Where(r => r.AuthorId == customerId).MaxAsync(r => (DateTime?)r.CreatedAt, ct);
        // From the person's posts to their replies, so the database reads this customer's threads, not every staff reply.
        var lastAnswered = await posts.SelectMany(p => p.Replies).Where(r => staff.Contains(r.AuthorId) && !r.IsInternalNote)
            .MaxAsync(r => (DateTime?)r.CreatedAt, ct);
        return new(
            person,
            await ideas.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(Shown)
                .Select(p => new StoryIdea(p.Id, p.Title, p.Status, p.VoteCount, p.CreatedAt, p.RemovedAt != null)).ToListAsync(ct),
            await ideas.CountAsync(ct),
            await complaints.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(Shown)
                .Select(p => new StoryComplaint(p.Id, p.Title, p.Status, p.Mood, p.Outcome, p.Rating, p.CreatedAt, p.IsPublic)).ToListAsync(ct),
            await complaints.CountAsync(ct),
            await votes.OrderByDescending(v => v.CreatedAt).Take(Shown)
                .Select(v => new StoryVote(v.PostId, v.Post!.Title, v.CreatedAt)).ToListAsync(ct),
            await votes.CountAsync(ct),
            await thanks.OrderByDescending(t => t.CreatedAt).Take(Shown)
                .Select(t => new StoryThanks(t.To!.DisplayName, t.PostId, t.CreatedAt, t.Note)).ToListAsync(ct),
            await thanks.CountAsync(ct),
            lastPost > lastReply || lastReply is null ? lastPost : lastReply,
            lastAnswered,
            await db.CustomerNotes.AsNoTracking().Where(n => n.CustomerId == customerId)
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Shown)
                .Select(n => new StoryNote(n.Id, n.Author!.DisplayName, n.Body, n.CreatedAt)).ToListAsync(ct));
    }

    /// <summary>
    /// A customer's public profile, for everyone: what the board shows of them anyway (their listed public ideas) and
    /// since when they are a customer. Null for anyone who works here (their profile is the team's), a deleted account
    /// and an unknown id.
    /// </summary>
    public async Task<CustomerProfile?> ProfileAsync(string customerId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = db.StaffUserIds;
        var person = await db.Users.AsNoTracking().Where(u => u.Id == customerId && u.DeletedAt == null && !staff.Contains(u.Id))
            .Select(u => new { u.DisplayName, u.AvatarUrl, u.CustomerSince }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return null;
        }

        var ideas = PostVisibility.Listed(db.Posts.AsNoTracking())
            .Where(p => p.AuthorId == customerId && p.Kind == PostKind.Idea && p.IsPublic && p.MergedIntoId == null);
        // Their answers that helped, in threads a visitor may read: most marks first, by (AuthorId, HelpfulCount, Id) backwards.
        var listed = PostVisibility.Listed(db.Posts).Where(p => p.IsPublic);
        var helpful = await PostVisibility.RepliesVisibleTo(db.Replies.AsNoTracking(), Viewer.Anonymous)
            .Where(r => r.AuthorId == customerId && r.HelpfulCount > 0 && r.HiddenAt == null && listed.Any(p => p.Id == r.PostId))
            .OrderByDescending(r => r.HelpfulCount).ThenByDescending(r => r.Id).Take(Shown)
            .Select(r => new HelpfulAnswerView(r.Id, r.PostId, r.Post!.Title, r.HelpfulCount, r.CreatedAt, r.Post.AnswerId == r.Id)).ToListAsync(ct);
        return new(
            customerId, person.DisplayName, person.AvatarUrl, person.CustomerSince,
            await ideas.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(Shown)
                .Select(p => new StoryIdea(p.Id, p.Title, p.Status, p.VoteCount, p.CreatedAt, false)).ToListAsync(ct),
            await ideas.CountAsync(ct), helpful, await ReplyViews.HelpedAsync(db, customerId, ct));
    }

    /// <summary>
    /// A note of the team about a customer, by someone who works here; kept as written, with its writer and time. Empty
    /// or over <see cref="CustomerNote.BodyMaxLength"/> is refused at the field; anyone else, or an id that is no
    /// (living) customer's, gets NotFound.
    /// </summary>
    public async Task<NoteResult> AddNoteAsync(string customerId, string? body, Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.WorksHere || viewer.UserId is not { } authorId)
        {
            return new(NoteOutcome.NotFound);
        }

        var text = TextRules.Block(body).Trim();
        if (text.Length == 0)
        {
            return new(NoteOutcome.Invalid, "Story_NoteRequired");
        }

        if (text.Length > CustomerNote.BodyMaxLength)
        {
            return new(NoteOutcome.Invalid, "Story_NoteTooLong");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var staff = db.StaffUserIds;
        if (!await db.Users.AnyAsync(u => u.Id == customerId && u.DeletedAt == null && !staff.Contains(u.Id), ct))
        {
            return new(NoteOutcome.NotFound);
        }

        var note = new CustomerNote { CustomerId = customerId, AuthorId = authorId, Body = text, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.CustomerNotes.Add(note);
        await db.SaveChangesAsync(ct);
        var author = await db.Users.Where(u => u.Id == authorId).Select(u => u.DisplayName).FirstAsync(ct);
        return new(NoteOutcome.Added, Note: new(note.Id, author, note.Body, note.CreatedAt));
    }
}
