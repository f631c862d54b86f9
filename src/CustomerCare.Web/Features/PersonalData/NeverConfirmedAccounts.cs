using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// Accounts whose address was never confirmed, registered before the cut-off (<c>CustomerSince</c> is set at
/// registration). Only those that hold nothing anyone else reads or counts are deleted here: no post, reply, vote,
/// report, "does this solve it" answer, and no trace of acting as staff. Their follows, notifications and mails go with
/// them; roles, tokens and mail settings go by the database's cascade. An unconfirmed account that wrote something is
/// kept and counted: its content is a matter for account deletion, which decides what becomes of a person's posts.
/// Never a person who works here, never the <see cref="FormerCustomer"/>.
/// </summary>
internal static class NeverConfirmedAccounts
{
    private static readonly string[] StaffRoleIds = [.. Roles.StaffRoleIds];

    public static IQueryable<CareUser> Due(CareDb db, DateTime cutoff) =>
        db.Users.Where(u => !u.EmailConfirmed && u.CustomerSince < cutoff && u.Id != FormerCustomer.Id
            && !db.UserRoles.Any(r => r.UserId == u.Id && StaffRoleIds.Contains(r.RoleId)));

    public static IQueryable<CareUser> WithoutContent(CareDb db, IQueryable<CareUser> users) =>
        users.Where(u => !db.Posts.Any(p => p.AuthorId == u.Id || p.OwnerId == u.Id || p.RemovedById == u.Id || p.LinkedIdeaById == u.Id)
            && !db.Replies.Any(r => r.AuthorId == u.Id || r.HiddenById == u.Id)
            && !db.Votes.Any(v => v.UserId == u.Id)
            && !db.Reports.Any(r => r.ReporterId == u.Id || r.ResolvedById == u.Id)
            && !db.SolvesItAnswers.Any(a => a.UserId == u.Id)
            && !db.StatusChanges.Any(c => c.ChangedById == u.Id)
            && !db.ComplaintHandovers.Any(h => h.FromOwnerId == u.Id || h.ToOwnerId == u.Id || h.ById == u.Id)
            && !db.AuditEntries.Any(a => a.ActorId == u.Id)
            && !db.Notifications.Any(n => n.ActorId == u.Id)
            && !db.Users.Any(o => o.BlockedById == u.Id));

    /// <summary>Deletes at most <paramref name="batchSize"/> due accounts without content, oldest first; returns how many.</summary>
    public static async Task<int> DeleteBatchAsync(CareDb db, DateTime cutoff, int batchSize, CancellationToken ct)
    {
        var ids = await WithoutContent(db, Due(db, cutoff)).OrderBy(u => u.CustomerSince).ThenBy(u => u.Id)
            .Select(u => u.Id).Take(batchSize).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var tx = await db.BeginWriteTransactionAsync(ct);
        // Re-asked inside the transaction: someone who confirmed or wrote since the read above keeps everything.
        var still = WithoutContent(db, Due(db, cutoff)).Where(u => ids.Contains(u.Id)).Select(u => u.Id);
        await db.PostFollows.Where(f => still.Contains(f.UserId)).ExecuteDeleteAsync(ct);
        await db.CategoryFollows.Where(f => still.Contains(f.UserId)).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => still.Contains(n.UserId)).ExecuteDeleteAsync(ct);
        await db.OutboxMails.Where(m => m.UserId != null && still.Contains(m.UserId)).ExecuteDeleteAsync(ct);
        var deleted = await WithoutContent(db, Due(db, cutoff)).Where(u => ids.Contains(u.Id)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return deleted;
    }

    /// <summary>Due accounts kept because they hold content (left for account deletion).</summary>
    public static async Task<int> CountKeptAsync(CareDb db, DateTime cutoff, CancellationToken ct) =>
        await Due(db, cutoff).CountAsync(ct) - await WithoutContent(db, Due(db, cutoff)).CountAsync(ct);
}
