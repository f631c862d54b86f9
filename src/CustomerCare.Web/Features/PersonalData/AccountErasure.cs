using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Mentions;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// The steps of deleting an account, each run inside <see cref="AccountDeletion"/>'s one write transaction, so an
/// account is either deleted whole or not at all. The person's row stays as a tombstone (same id: votes, counters and
/// public posts keep their keys) holding nothing about them. Explicit deletes in an order every provider accepts
/// (SQL Server checks NO ACTION keys row by row), rather than trusting each cascade.
/// </summary>
internal static class AccountErasure
{
    public const string RemovedTitle = "—";

    public const string RemovalReason = "Deleted with its author's account";

    /// <summary>
    /// First, so the writer's row is locked (PostgreSQL) before anything else: an act of theirs already under way
    /// finishes before this and is erased with the rest; one after it finds the account deleted
    /// (<c>ActivityLimits</c>) and writes nothing. False when the account was deleted meanwhile.
    /// </summary>
    public static async Task<bool> TombstoneAsync(CareDb db, string userId, DateTime now, CancellationToken ct)
    {
        var stamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        var userName = $"deleted-{userId}";
        var normalized = userName.ToUpperInvariant();
        var changed = await db.Users.Where(u => u.Id == userId && u.DeletedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.DeletedAt, now)
            .SetProperty(u => u.DisplayName, CareUser.FormerCustomerName)
            .SetProperty(u => u.UserName, userName)
            .SetProperty(u => u.NormalizedUserName, normalized)
            .SetProperty(u => u.Email, (string?)null)
            .SetProperty(u => u.NormalizedEmail, (string?)null)
            .SetProperty(u => u.EmailConfirmed, false)
            .SetProperty(u => u.PasswordHash, (string?)null)
            .SetProperty(u => u.SecurityStamp, stamp)
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString())
            .SetProperty(u => u.PhoneNumber, (string?)null)
            .SetProperty(u => u.AvatarUrl, (string?)null)
            .SetProperty(u => u.JobTitle, (string?)null)
            .SetProperty(u => u.Language, (string?)null)
            .SetProperty(u => u.BlockReason, (string?)null), ct);
        if (changed == 0)
        {
            return false;
        }

        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        await db.PersonalAccessTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
        return true;
    }

    /// <summary>
    /// The pictures the person added, anywhere, and every picture on their complaints (which go whole); before the
    /// complaints, whose replies the pictures point at. Returns their ids: the store forgets their files after the commit.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ErasePicturesAsync(CareDb db, string userId, CancellationToken ct)
    {
        var pictures = db.Pictures.Where(p => p.UploaderId == userId
            || db.Posts.Any(post => post.Id == p.PostId && post.AuthorId == userId && post.Kind == PostKind.Complaint));
        var ids = await pictures.Select(p => p.Id).ToListAsync(ct);
        await pictures.ExecuteDeleteAsync(ct);
        return ids;
    }

    /// <summary>Every complaint the person filed, private or public, with everything hanging off it. Returns their ids.</summary>
    public static async Task<IReadOnlyList<int>> EraseComplaintsAsync(CareDb db, string userId, CancellationToken ct)
    {
        var ids = await db.Posts.Where(p => p.AuthorId == userId && p.Kind == PostKind.Complaint).Select(p => p.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return ids;
        }

        // The mails already written about these complaints (to the person or to the team) go with them.
        var mailKeys = (await db.Notifications.Where(n => ids.Contains(n.PostId)).Select(n => n.Id).ToListAsync(ct))
            .Select(id => $"notification:{id}").ToList();
        await db.OutboxMails.Where(m => mailKeys.Contains(m.DedupKey)).ExecuteDeleteAsync(ct);
        // So do the webhook events about them, sent or waiting, with their copies of the complaints' words.
        await db.WebhookDeliveries.Where(d => d.PostId != null && ids.Contains(d.PostId.Value)).ExecuteDeleteAsync(ct);
        await db.Reports.Where(r => ids.Contains(r.PostId)).ExecuteDeleteAsync(ct);
        await db.Posts.Where(p => ids.Contains(p.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OfficialAnswerId, (long?)null).SetProperty(p => p.AnswerId, (long?)null), ct);
        await db.Posts.Where(p => p.LinkedIdeaId != null && ids.Contains(p.LinkedIdeaId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LinkedIdeaId, (int?)null), ct);
        // Thanks for these complaints' replies and solutions (the reply key does not cascade: SQL Server allows one path).
        await db.Thanks.Where(t => ids.Contains(t.PostId)).ExecuteDeleteAsync(ct);
        // Helpful marks on these complaints' replies go with the replies (and stop counting for their writers).
        await db.HelpfulMarks.Where(m => db.Replies.Any(r => r.Id == m.ReplyId && ids.Contains(r.PostId))).ExecuteDeleteAsync(ct);
        await db.Replies.Where(r => ids.Contains(r.PostId) && r.ParentReplyId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ParentReplyId, (long?)null), ct);
        await db.Replies.Where(r => ids.Contains(r.PostId)).ExecuteDeleteAsync(ct);
        // The rest cascades with the post: status changes, hand-overs, audit entries, votes, follows, notifications, answers.
        await db.Posts.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
        return ids;
    }

    /// <summary>What was only the person's: follows, notifications, mail settings, mails to them, their thank-you notes, the team's notes about them, their addresses in the log.</summary>
    public static async Task ForgetPersonAsync(CareDb db, string userId, string? email, CancellationToken ct)
    {
        await db.PostFollows.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);
        await db.CategoryFollows.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync(ct);
        await db.NotificationPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);
        // What the team noted about them goes with them; notes they wrote about others (as staff) stay, by the tombstone.
        await db.CustomerNotes.Where(n => n.CustomerId == userId).ExecuteDeleteAsync(ct);
        // Their thanks and helpful marks stay counted (with the tombstone, as votes do); their words to the staff member go.
        await db.Thanks.Where(t => t.FromUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Note, (string?)null).SetProperty(t => t.ShowNote, false), ct);
        await db.OutboxMails.Where(m => m.UserId == userId).ExecuteDeleteAsync(ct);
        if (email is not null)
        {
            // Account mails (confirmation, reset) carry the address, not always the id; they are written to the stored address.
            var lower = email.ToLowerInvariant();
            await db.OutboxMails.Where(m => m.ToAddress == email || m.ToAddress == lower).ExecuteDeleteAsync(ct);
        }

        // The events stay (a security log that forgets attacks on a deleted account would help the attacker), unlinkable:
        // the id is a tombstone's, and the addresses they came from go.
        await db.SecurityEvents.Where(e => e.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ClientAddress, (string?)null), ct);
    }

    /// <summary>
    /// <see cref="PublicContentOnDeletion.Remove"/>: the person's ideas are removed as moderation removes them and their
    /// text erased; their replies elsewhere are hidden in their place with the text erased. Counters stay right without
    /// a change: a removed idea is listed nowhere and a hidden reply keeps its place and count, as moderation's do.
    /// Returns the ideas newly removed.
    /// </summary>
    public static async Task<IReadOnlyList<int>> RemovePublicAsync(CareDb db, string userId, DateTime now, CancellationToken ct)
    {
        var ideas = await db.Posts.Where(p => p.AuthorId == userId && p.RemovedAt == null).Select(p => p.Id).ToListAsync(ct);
        await db.Posts.Where(p => p.AuthorId == userId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.RemovedAt, p => p.RemovedAt ?? now)
            .SetProperty(p => p.RemovedById, p => p.RemovedById ?? userId)
            .SetProperty(p => p.RemovalReason, p => p.RemovalReason ?? RemovalReason)
            .SetProperty(p => p.Title, RemovedTitle)
            .SetProperty(p => p.Body, ""), ct);
        var mine = db.Replies.Where(r => r.AuthorId == userId);
        // The webhook events that carry the erased words (the ideas', the replies') go with them.
        await db.WebhookDeliveries.Where(d => (d.PostId != null && db.Posts.Any(p => p.Id == d.PostId && p.AuthorId == userId))
            || (d.ReplyId != null && mine.Any(r => r.Id == d.ReplyId))).ExecuteDeleteAsync(ct);
        await db.Posts.Where(p => p.OfficialAnswerId != null && mine.Any(r => r.Id == p.OfficialAnswerId))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OfficialAnswerId, (long?)null), ct);
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.HiddenAt, r => r.HiddenAt ?? now)
            .SetProperty(r => r.HiddenById, r => r.HiddenById ?? userId)
            .SetProperty(r => r.HiddenReason, RemovalReason)
            .SetProperty(r => r.Body, ""), ct);
        // The old texts the audit trail keeps of their edits go too: they are the person's words.
        await db.AuditEntries.Where(a => a.ActorId == userId || db.Posts.Any(p => p.Id == a.PostId && p.AuthorId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Details, (string?)null), ct);
        return ideas;
    }

    /// <summary>
    /// Mails to other people that name the person (a reply in a followed thread, a digest), sent or waiting, and the
    /// webhook events that name them (internal payloads carry authors' names and addresses): the name and address become
    /// "Former customer", in the text, in the HTML and in the JSON as each encoded them.
    /// </summary>
    public static async Task ScrubMentionsAsync(CareDb db, string name, string? email, CancellationToken ct)
    {
        string[] said = email is null ? [name] : [name, email];
        var words = said.SelectMany(w => new[] { w, WebUtility.HtmlEncode(w), JsonEncodedText.Encode(w).ToString() })
            .Distinct(StringComparer.Ordinal).Where(w => w.Length > 0).ToList();
        foreach (var word in words)
        {
            var mails = await db.OutboxMails.Where(m => m.Subject.Contains(word) || m.TextBody.Contains(word) || m.HtmlBody.Contains(word)
                || (m.ToName != null && m.ToName.Contains(word))).ToListAsync(ct);
            foreach (var mail in mails)
            {
                mail.Subject = Scrub(mail.Subject, word);
                mail.TextBody = Scrub(mail.TextBody, word);
                mail.HtmlBody = Scrub(mail.HtmlBody, word);
                mail.ToName = mail.ToName is null ? null : Scrub(mail.ToName, word);
            }

            var events = await db.WebhookDeliveries.Where(d => d.Payload.Contains(word) || (d.LastResponse != null && d.LastResponse.Contains(word))).ToListAsync(ct);
            foreach (var delivery in events)
            {
                delivery.Payload = Scrub(delivery.Payload, word);
                delivery.LastResponse = delivery.LastResponse is null ? null : Scrub(delivery.LastResponse, word);
            }

            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// Mentions of the person in everyone's replies and posts (<c>@[Their Name](id)</c>) keep the id, which names nobody
    /// once the account is a tombstone or gone, but lose the name the writer saw: it becomes "Former customer".
    /// </summary>
    public static async Task ForgetMentionsAsync(CareDb db, string userId, CancellationToken ct)
    {
        var marker = MentionToken.Marker(userId);
        foreach (var reply in await db.Replies.Where(r => r.Body.Contains(marker)).ToListAsync(ct))
        {
            reply.Body = MentionToken.Rename(reply.Body, userId, CareUser.FormerCustomerName);
        }

        foreach (var post in await db.Posts.Where(p => p.Body.Contains(marker)).ToListAsync(ct))
        {
            post.Body = MentionToken.Rename(post.Body, userId, CareUser.FormerCustomerName);
        }

        await db.SaveChangesAsync(ct);
    }

    private static string Scrub(string text, string word) => text.Replace(word, CareUser.FormerCustomerName, StringComparison.Ordinal);
}
