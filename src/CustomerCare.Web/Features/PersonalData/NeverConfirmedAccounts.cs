using CustomerCare.Data;
using CustomerCare.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>The due accounts of one batch: those that hold nothing, and those that wrote, voted or acted.</summary>
internal sealed record DueAccounts(IReadOnlyList<string> Empty, IReadOnlyList<string> WithContent)
{
    public static readonly DueAccounts None = new([], []);
}

/// <summary>
/// Accounts whose address was never confirmed, registered before the cut-off (<c>CustomerSince</c> is set at
/// registration), and not deleted. An account that holds nothing anyone else reads or counts (no post, reply, vote,
/// report, "does this solve it" answer, no trace of acting as staff) is deleted outright, with its follows,
/// notifications and mails; roles, tokens and mail settings go by the database's cascade. One that holds content is
/// handed to <see cref="AccountDeletion"/> and erased exactly as deleting one's account erases it
/// (<see cref="AccountErasure"/>: a tombstone, its complaints gone, its public content per
/// <c>PersonalData:Deletion:PublicContent</c>). Both ask the rule again inside their transaction, so someone who
/// confirmed since the batch was read keeps everything. Never a person who works here, never the
/// <see cref="FormerCustomer"/>, never a tombstone (deletion clears <c>EmailConfirmed</c> too).
/// </summary>
internal static class NeverConfirmedAccounts
{
    private static readonly string[] StaffRoleIds = [.. Roles.StaffRoleIds];

    public static IQueryable<CareUser> Due(CareDb db, DateTime cutoff) =>
        db.Users.Where(u => !u.EmailConfirmed && u.CustomerSince < cutoff && u.DeletedAt == null && u.Id != FormerCustomer.Id
            && !db.UserRoles.Any(r => r.UserId == u.Id && StaffRoleIds.Contains(r.RoleId)));

    public static IQueryable<CareUser> WithoutContent(CareDb db, IQueryable<CareUser> users) =>
        users.Where(u => !db.Posts.Any(p => p.AuthorId == u.Id || p.OwnerId == u.Id || p.RemovedById == u.Id || p.LinkedIdeaById == u.Id || p.AnswerMarkedById == u.Id)
            && !db.Replies.Any(r => r.AuthorId == u.Id || r.HiddenById == u.Id || r.EndorsedById == u.Id)
            && !db.Votes.Any(v => v.UserId == u.Id)
            && !db.Reports.Any(r => r.ReporterId == u.Id || r.ResolvedById == u.Id)
            && !db.SolvesItAnswers.Any(a => a.UserId == u.Id)
            && !db.Thanks.Any(t => t.FromUserId == u.Id || t.ToUserId == u.Id)
            && !db.HelpfulMarks.Any(m => m.UserId == u.Id || m.ReplyAuthorId == u.Id)
            && !db.Pictures.Any(p => p.UploaderId == u.Id)
            && !db.CustomerNotes.Any(n => n.CustomerId == u.Id || n.AuthorId == u.Id)
            && !db.StatusChanges.Any(c => c.ChangedById == u.Id)
            && !db.ComplaintHandovers.Any(h => h.FromOwnerId == u.Id || h.ToOwnerId == u.Id || h.ById == u.Id)
            && !db.AuditEntries.Any(a => a.ActorId == u.Id)
            && !db.Notifications.Any(n => n.ActorId == u.Id)
            && !db.Users.Any(o => o.BlockedById == u.Id));

    /// <summary>At most <paramref name="batchSize"/> due accounts, oldest first, told apart by whether they hold content.</summary>
    public static async Task<DueAccounts> NextBatchAsync(CareDb db, DateTime cutoff, int batchSize, CancellationToken ct)
    {
        var ids = await Due(db, cutoff).OrderBy(u => u.CustomerSince).ThenBy(u => u.Id).Select(u => u.Id).Take(batchSize).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return DueAccounts.None;
        }

        var empty = await WithoutContent(db, Due(db, cutoff)).Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        return new(empty, [.. ids.Except(empty, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Deletes the batch's empty accounts in one transaction and erases each one with content in its own; returns how
    /// many went each way. An account that confirmed (or, if empty, wrote) since the batch was read is left.
    /// </summary>
    public static async Task<(int Deleted, int Erased)> DeleteAsync(
        CareDb db, AccountDeletion deletion, DueAccounts batch, DateTime cutoff, string reason, CancellationToken ct)
    {
        var deleted = await DeleteEmptyAsync(db, batch.Empty, cutoff, ct);
        var erased = 0;
        foreach (var id in batch.WithContent)
        {
            if (await deletion.DeleteUnaskedAsync(id, (tx, c) => StillDueAsync(tx, id, cutoff, c), reason, ct))
            {
                erased++;
            }
        }

        return (deleted, erased);
    }

    private static async Task<int> DeleteEmptyAsync(CareDb db, IReadOnlyList<string> ids, DateTime cutoff, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var tx = await db.BeginWriteTransactionAsync(ct);
        // Re-asked inside the transaction: someone who confirmed or wrote since the read keeps everything (and, if they
        // wrote, is erased with the rest of the accounts holding content on a later pass).
        var still = WithoutContent(db, Due(db, cutoff)).Where(u => ids.Contains(u.Id)).Select(u => u.Id);
        foreach (var id in await still.ToListAsync(ct))
        {
            await AccountErasure.ForgetMentionsAsync(db, id, ct);
        }

        await db.PostFollows.Where(f => still.Contains(f.UserId)).ExecuteDeleteAsync(ct);
        await db.CategoryFollows.Where(f => still.Contains(f.UserId)).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => still.Contains(n.UserId)).ExecuteDeleteAsync(ct);
        await db.OutboxMails.Where(m => m.UserId != null && still.Contains(m.UserId)).ExecuteDeleteAsync(ct);
        var deleted = await WithoutContent(db, Due(db, cutoff)).Where(u => ids.Contains(u.Id)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return deleted;
    }

    /// <summary>
    /// The erasing transaction's first statement: true if the account is still due. Asked as an update of the person's
    /// row (a new concurrency stamp), so on PostgreSQL it waits for a confirmation under way and then sees it, and a
    /// confirmation that comes after fails on the stamp instead of confirming an account being erased.
    /// </summary>
    private static async Task<bool> StillDueAsync(CareDb db, string userId, DateTime cutoff, CancellationToken ct)
    {
        var stamp = Guid.NewGuid().ToString();
        return await Due(db, cutoff).Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.ConcurrencyStamp, stamp), ct) == 1;
    }
}
