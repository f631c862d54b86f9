using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// Collects <see cref="PersonalDataArchive"/> for one person: every table that holds something about them
/// (<see cref="PersonalDataTables"/> says which and how). Threads and titles go through <see cref="PostVisibility"/> as
/// the person themselves, so the archive shows nothing their own pages would not.
/// </summary>
public sealed class PersonalDataExport(IDbContextFactory<CareDb> dbs, TimeProvider time)
{
    /// <summary>
    /// About how many rows the viewer's archive holds (posts, replies, votes, notifications, security events): the page
    /// prepares a large one in the background.
    /// </summary>
    public async Task<int> CountAsync(Viewer viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            throw new UnauthorizedAccessException("Only a signed-in person downloads their data.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Posts.CountAsync(p => p.AuthorId == userId, ct) + await db.Replies.CountAsync(r => r.AuthorId == userId, ct)
            + await db.Votes.CountAsync(v => v.UserId == userId, ct) + await db.Notifications.CountAsync(n => n.UserId == userId, ct)
            + await db.SecurityEvents.CountAsync(e => e.UserId == userId, ct);
    }

    /// <summary>
    /// The archive of the person <paramref name="viewer"/> is: only one's own (the admin's path on a person's behalf
    /// records who asked and why, and is a call of its own). Null when the account is gone. On the way it says how far it
    /// got, in percent, to <paramref name="progress"/>.
    /// </summary>
    public async Task<PersonalDataArchive?> CollectAsync(Viewer viewer, Func<int, Task>? progress = null, CancellationToken ct = default)
    {
        progress ??= _ => Task.CompletedTask;
        ArgumentNullException.ThrowIfNull(viewer);
        if (viewer.UserId is not { } userId)
        {
            throw new UnauthorizedAccessException("Only a signed-in person downloads their data.");
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return null;
        }

        var roles = await db.UserRoles.Where(r => r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToListAsync(ct);
        // The roles as stored now, not as the cookie remembers them: the threads are shown as the person may read them today.
        viewer = new Viewer(userId, roles.Contains(Roles.Staff), roles.Contains(Roles.ProductOwner), roles.Contains(Roles.Admin));
        var profile = new ProfileData(user.Id, user.DisplayName, user.Email, user.EmailConfirmed, user.JobTitle, user.AvatarUrl,
            user.CustomerSince, user.Language, roles, user.BlockedAt, user.BlockReason);

        await progress(10);
        var posts = await PostsAsync(db, viewer, ct);
        await progress(40);
        var replies = await db.Replies.AsNoTracking().Where(r => r.AuthorId == userId).OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.PostId, r.Body, r.CreatedAt, r.EditedAt, r.IsInternalNote, Hidden = r.HiddenAt != null, r.HelpfulCount,
                EndorsedBy = r.EndorsedById == null ? null : r.EndorsedBy!.DisplayName,
                MarkedAsAnswer = db.Posts.Any(p => p.Id == r.PostId && p.AnswerId == r.Id),
            })
            .ToListAsync(ct);
        var votes = await db.Votes.AsNoTracking().Where(v => v.UserId == userId).OrderBy(v => v.CreatedAt)
            .Select(v => new { v.PostId, v.CreatedAt }).ToListAsync(ct);
        var follows = await db.PostFollows.AsNoTracking().Where(f => f.UserId == userId).OrderBy(f => f.Since)
            .Select(f => new { f.PostId, f.Following, f.Reason, f.Since }).ToListAsync(ct);
        var categoryFollows = await db.CategoryFollows.AsNoTracking().Where(f => f.UserId == userId).OrderBy(f => f.Since)
            .Select(f => new CategoryFollowData(f.Category!.NameEnglish, f.Since)).ToListAsync(ct);
        var settings = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.Kind)
            .Select(p => new { p.Kind, p.Email }).ToListAsync(ct);
        var solvesIt = await db.SolvesItAnswers.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.At)
            .Select(a => new { a.PostId, a.Solves, a.At }).ToListAsync(ct);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id)
            .Select(n => new { n.Kind, n.PostId, From = n.Actor!.DisplayName, n.Detail, n.CreatedAt, n.ReadAt, n.EmailedAt })
            .ToListAsync(ct);
        var mails = await db.OutboxMails.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Id)
            .Select(m => new MailData(m.ToAddress, m.Subject, m.CreatedAt, m.SentAt, m.GaveUpAt)).ToListAsync(ct);
        var reports = await db.Reports.AsNoTracking().Where(r => r.ReporterId == userId).OrderBy(r => r.Id)
            .Select(r => new { r.PostId, r.ReplyId, r.Reason, r.Note, r.CreatedAt, r.Resolution, r.ResolvedAt }).ToListAsync(ct);
        var security = await db.SecurityEvents.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.Id)
            .Select(e => new { e.Kind, e.ClientAddress, e.Detail, e.OccurredAt }).ToListAsync(ct);
        var tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
            .Select(t => new AccessTokenData(t.Name, t.Prefix, t.Scope.ToString(), t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);
        var thanksGiven = await db.Thanks.AsNoTracking().Where(t => t.FromUserId == userId).OrderBy(t => t.Id)
            .Select(t => new ThanksData(t.To!.DisplayName, t.PostId, null, t.ReplyId, t.Note, t.ShowNote, t.CreatedAt)).ToListAsync(ct);
        var thanksReceived = await db.Thanks.AsNoTracking().Where(t => t.ToUserId == userId).OrderBy(t => t.Id)
            .Select(t => new ThanksData(t.From!.DisplayName, t.PostId, null, t.ReplyId, t.Note, t.ShowNote, t.CreatedAt)).ToListAsync(ct);
        var helpful = await db.HelpfulMarks.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Id)
            .Select(m => new HelpfulData(m.Reply!.Author!.DisplayName, m.ReplyId, m.Reply.PostId, null, m.At)).ToListAsync(ct);
        var notes = await db.CustomerNotes.AsNoTracking().Where(n => n.CustomerId == userId).OrderBy(n => n.Id)
            .Select(n => new NoteData(n.Author!.DisplayName, n.Body, n.CreatedAt)).ToListAsync(ct);
        var decisions = await DecisionsAsync(db, userId, ct);
        var pictures = await db.Pictures.AsNoTracking().Where(p => p.UploaderId == userId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new PictureData(p.Id, p.PostId, p.ReplyId, null, p.AltText, p.ContentType, p.Width, p.Height, p.CreatedAt, ""))
            .ToListAsync(ct);
        await progress(80);

        var titles = await TitlesAsync(db, viewer,
            [.. replies.Select(r => r.PostId), .. votes.Select(v => v.PostId), .. follows.Select(f => f.PostId),
             .. solvesIt.Select(a => a.PostId), .. notifications.Select(n => n.PostId), .. decisions.Select(d => d.PostId),
             .. thanksGiven.Select(t => t.PostId), .. thanksReceived.Select(t => t.PostId), .. helpful.Select(m => m.PostId),
             .. pictures.Select(p => p.PostId)], ct);
        string? Title(int postId) => titles.GetValueOrDefault(postId);
        await progress(90);

        return new PersonalDataArchive(
            time.GetUtcNow().UtcDateTime,
            profile,
            [.. posts.Where(p => p.Kind == PostKind.Idea).Select(p => p.Data)],
            [.. posts.Where(p => p.Kind == PostKind.Complaint).Select(p => p.Data)],
            [.. replies.Select(r => new ReplyData(r.Id, r.PostId, Title(r.PostId), r.Body, r.CreatedAt, r.EditedAt, r.IsInternalNote, r.Hidden, r.HelpfulCount, r.EndorsedBy, r.MarkedAsAnswer))],
            [.. votes.Select(v => new VoteData(v.PostId, Title(v.PostId), v.CreatedAt))],
            [.. follows.Select(f => new FollowData(f.PostId, Title(f.PostId), f.Following, f.Reason.ToString(), f.Since))],
            categoryFollows,
            [.. settings.Select(s => new MailSettingData(s.Kind.ToString(), s.Email.ToString()))],
            [.. solvesIt.Select(a => new SolvesItData(a.PostId, Title(a.PostId), a.Solves, a.At))],
            [.. notifications.Select(n => new NotificationData(n.Kind.ToString(), n.PostId, Title(n.PostId), n.From, n.Detail, n.CreatedAt, n.ReadAt, n.EmailedAt))],
            mails,
            [.. reports.Select(r => new ReportData(r.PostId, r.ReplyId, r.Reason.ToString(), r.Note, r.CreatedAt, r.Resolution?.ToString(), r.ResolvedAt))],
            [.. security.Select(e => new SecurityEventData(e.Kind.ToString(), e.ClientAddress, e.Detail, e.OccurredAt))],
            [.. decisions.OrderBy(d => d.At).Select(d => d with { PostTitle = Title(d.PostId) })],
            tokens,
            [.. thanksGiven.Select(t => t with { PostTitle = Title(t.PostId) })],
            [.. thanksReceived.Select(t => t with { PostTitle = Title(t.PostId) })],
            notes,
            [.. helpful.Select(m => m with { PostTitle = Title(m.PostId) })],
            [.. pictures.Select(p => p with { PostTitle = Title(p.PostId), File = PictureData.FileFor(p.Id, p.ContentType) })]);
    }

    // The person's own ideas and complaints, removed ones included (their text is still held), each with its thread as
    // the person reads it: internal notes only for people who work here, another's hidden reply as the team's reason.
    private static async Task<List<(PostKind Kind, PostData Data)>> PostsAsync(CareDb db, Viewer viewer, CancellationToken ct)
    {
        var posts = await db.Posts.AsNoTracking().Where(p => p.AuthorId == viewer.UserId).OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.Kind, p.Title, p.Body, p.Status, p.IsPublic, p.CreatedAt, p.UpdatedAt, Category = p.Category!.NameEnglish,
                p.VoteCount, p.ShippedIn, p.Mood, p.Reference, Owner = p.Owner!.DisplayName, p.Outcome, p.Rating, p.RatingComment,
                p.RatedAt, Removed = p.RemovedAt != null,
            })
            .ToListAsync(ct);
        var ids = posts.Select(p => p.Id).ToList();
        var readsHidden = PostVisibility.ReadsHiddenReplies(viewer);
        var thread = (await PostVisibility.RepliesVisibleTo(db.Replies.AsNoTracking().Where(r => ids.Contains(r.PostId)), viewer)
                .OrderBy(r => r.Id)
                .Select(r => new
                {
                    r.PostId, r.Id, Author = r.Author!.DisplayName, r.AuthorId, r.Body, r.CreatedAt, r.EditedAt, r.IsResolutionProposal,
                    Hidden = r.HiddenAt != null, r.HiddenReason,
                })
                .ToListAsync(ct))
            .ToLookup(r => r.PostId);
        var waits = (await db.ComplaintWaits.AsNoTracking().Where(w => ids.Contains(w.PostId)).OrderBy(w => w.Since).ThenBy(w => w.Id)
                .Select(w => new { w.PostId, Data = new WaitData(w.Since, w.First, w.AnsweredAt, w.EndedAt, w.EscalatedAt) })
                .ToListAsync(ct))
            .ToLookup(w => w.PostId, w => w.Data);

        return posts.Select(p => (p.Kind, new PostData(
                p.Id, p.Title, p.Body, p.Status.ToString(), p.IsPublic, p.CreatedAt, p.UpdatedAt, p.Category, p.VoteCount, p.ShippedIn,
                p.Mood?.ToString(), p.Reference, p.Owner, p.Outcome?.ToString(), p.Rating, p.RatingComment, p.RatedAt, p.Removed,
                [.. thread[p.Id].Select(r => new ThreadReplyData(
                    r.Id, r.Author, r.AuthorId == viewer.UserId,
                    r.Hidden && !readsHidden && r.AuthorId != viewer.UserId ? $"[hidden by the team: {r.HiddenReason}]" : r.Body,
                    r.CreatedAt, r.EditedAt, r.IsResolutionProposal))],
                [.. waits[p.Id]])))
            .ToList();
    }

    // What the person decided as one who works here; empty for a customer.
    private static async Task<List<DecisionData>> DecisionsAsync(CareDb db, string userId, CancellationToken ct)
    {
        var statuses = await db.StatusChanges.AsNoTracking().Where(s => s.ChangedById == userId)
            .Select(s => new { s.PostId, s.From, s.To, s.Note, s.ChangedAt }).ToListAsync(ct);
        var handovers = await db.ComplaintHandovers.AsNoTracking().Where(h => h.ById == userId)
            .Select(h => new { h.PostId, To = h.ToOwner!.DisplayName, h.Reason, h.At }).ToListAsync(ct);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.ActorId == userId)
            .Select(a => new { a.PostId, a.Action, a.Reason, a.At }).ToListAsync(ct);
        var answers = await db.Posts.AsNoTracking().Where(p => p.AnswerMarkedById == userId)
            .Select(p => new { p.Id, p.AnswerId, p.AnswerMarkedAt }).ToListAsync(ct);
        return
        [
            .. statuses.Select(s => new DecisionData($"Status {s.From} → {s.To}", s.PostId, null, s.Note, s.ChangedAt)),
            .. handovers.Select(h => new DecisionData($"Handed over to {h.To}", h.PostId, null, h.Reason, h.At)),
            .. audit.Select(a => new DecisionData(a.Action.ToString(), a.PostId, null, a.Reason, a.At)),
            .. answers.Select(a => new DecisionData($"Marked reply {a.AnswerId} as the answer", a.Id, null, null, a.AnswerMarkedAt!.Value)),
        ];
    }

    // Titles of the posts the archive mentions, for those the person may still open; others stay a number.
    private static async Task<Dictionary<int, string>> TitlesAsync(CareDb db, Viewer viewer, List<int> postIds, CancellationToken ct)
    {
        var ids = postIds.Distinct().ToList();
        return await PostVisibility.VisibleTo(db.Posts.AsNoTracking(), viewer).Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title }).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
    }
}
