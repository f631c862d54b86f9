using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// "Delete my account" (GDPR Art. 17) for the person themselves: only the viewer's own account (the id is the viewer's,
/// never a parameter), only after they typed their password again, and only after they were told which open complaints
/// it ends. What it does to each table is <see cref="AccountErasure"/> and docs/privacy.md; what the person is shown
/// first is <see cref="PreviewAsync"/>. People who work here are refused: an admin removes them.
/// </summary>
public sealed partial class AccountDeletion(
    IDbContextFactory<CareDb> dbs, IServiceScopeFactory scopes, IOptionsMonitor<AccountDeletionOptions> options,
    AccessChanges access, SecurityLog securityLog, ILiveBus bus, NotificationService notifications, TimeProvider time,
    IPictureStore pictureStore, ILogger<AccountDeletion> log)
{
    /// <summary>What deleting would do for the viewer, counted now. Null when the account is gone.</summary>
    public Task<DeletionPreview?> PreviewAsync(Viewer viewer, CancellationToken ct = default) => PreviewOfAsync(SignedIn(viewer), ct);

    /// <summary>What deleting <paramref name="personId"/>'s account would do, for an admin answering their request.</summary>
    public Task<DeletionPreview?> PreviewForAsync(string personId, Viewer viewer, CancellationToken ct = default)
    {
        EnsureAdmin(viewer);
        return PreviewOfAsync(personId, ct);
    }

    private async Task<DeletionPreview?> PreviewOfAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.DeletedAt == null, ct))
        {
            return null;
        }

        var complaints = db.Posts.Where(p => p.AuthorId == userId && p.Kind == PostKind.Complaint);
        return new DeletionPreview(
            userId,
            await db.Posts.CountAsync(p => p.AuthorId == userId && p.Kind == PostKind.Idea, ct),
            await db.Replies.CountAsync(r => r.AuthorId == userId && !complaints.Any(c => c.Id == r.PostId), ct),
            await complaints.CountAsync(ct),
            await db.Replies.CountAsync(r => complaints.Any(c => c.Id == r.PostId), ct),
            await db.Votes.CountAsync(v => v.UserId == userId, ct),
            await db.PostFollows.CountAsync(f => f.UserId == userId, ct) + await db.CategoryFollows.CountAsync(f => f.UserId == userId, ct),
            await db.Notifications.CountAsync(n => n.UserId == userId, ct),
            await OpenComplaintsAsync(db, userId, ct),
            options.CurrentValue.PublicContent,
            await db.StaffUserIds.ContainsAsync(userId, ct));
    }

    /// <summary>
    /// Deletes the viewer's account if <paramref name="password"/> is theirs and every open complaint it would erase is in
    /// <paramref name="confirmedOpenComplaints"/> (a complaint filed after the person read the page is told first, not
    /// erased unasked). One transaction; afterwards their sessions end on every server and device.
    /// </summary>
    public async Task<DeletionResult> DeleteAsync(
        Viewer viewer, string password, IReadOnlyCollection<int> confirmedOpenComplaints, CancellationToken ct = default)
    {
        var userId = SignedIn(viewer);
        ArgumentNullException.ThrowIfNull(confirmedOpenComplaints);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct);
        if (user is null)
        {
            return DeletionResult.Of(DeletionOutcome.Gone);
        }

        if (await db.StaffUserIds.ContainsAsync(userId, ct))
        {
            return DeletionResult.Of(DeletionOutcome.WorksHere);
        }

        if (!await PasswordMatchesAsync(user, password))
        {
            return DeletionResult.Of(DeletionOutcome.WrongPassword);
        }

        var open = await OpenComplaintsAsync(db, userId, ct);
        var unconfirmed = open.Where(c => !confirmedOpenComplaints.Contains(c.Id)).ToList();
        if (unconfirmed.Count > 0)
        {
            return new(DeletionOutcome.OpenComplaintsNotConfirmed, unconfirmed);
        }

        return await EraseAsync(db, user, actor: null, reason: null, stillDue: null, ct);
    }

    /// <summary>
    /// An admin deletes <paramref name="personId"/>'s account on their behalf (asked by letter): with a reason, recorded
    /// with who and why, and only with every open complaint it erases confirmed. Not the admin's own account: that is
    /// the person's own path, with their password.
    /// </summary>
    public async Task<DeletionResult> DeleteForAsync(
        string personId, string? reason, IReadOnlyCollection<int> confirmedOpenComplaints, Viewer viewer, CancellationToken ct = default)
    {
        EnsureAdmin(viewer);
        ArgumentNullException.ThrowIfNull(confirmedOpenComplaints);
        var why = TextRules.Block(reason).Trim();
        if (why.Length == 0 || why.Length > PersonalDataRequests.ReasonMaxLength)
        {
            return DeletionResult.Of(DeletionOutcome.ReasonRequired);
        }

        if (personId == viewer.UserId)
        {
            return DeletionResult.Of(DeletionOutcome.OwnAccount);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == personId && u.DeletedAt == null, ct);
        if (user is null)
        {
            return DeletionResult.Of(DeletionOutcome.Gone);
        }

        var unconfirmed = (await OpenComplaintsAsync(db, personId, ct)).Where(c => !confirmedOpenComplaints.Contains(c.Id)).ToList();
        if (unconfirmed.Count > 0)
        {
            return new(DeletionOutcome.OpenComplaintsNotConfirmed, unconfirmed);
        }

        return await EraseAsync(db, user, viewer.UserId, why, stillDue: null, ct);
    }

    /// <summary>
    /// The retention job's path for a never-confirmed account that holds content (<see cref="NeverConfirmedAccounts"/>):
    /// the same erasure, unasked (nobody proved the address theirs), logged as <c>AccountDeleted</c> with
    /// <paramref name="reason"/>. <paramref name="stillDue"/> is the transaction's first statement; when it says no (the
    /// person confirmed meanwhile) nothing changes. True when the account was deleted.
    /// </summary>
    internal async Task<bool> DeleteUnaskedAsync(
        string userId, Func<CareDb, CancellationToken, Task<bool>> stillDue, string reason, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct);
        return user is not null && (await EraseAsync(db, user, actor: null, reason, stillDue, ct)).Succeeded;
    }

    // One transaction; afterwards the person's sessions end on every server and device, and other people's open pages
    // hear what went (ErasureNews).
    private async Task<DeletionResult> EraseAsync(
        CareDb db, CareUser user, string? actor, string? reason, Func<CareDb, CancellationToken, Task<bool>>? stillDue, CancellationToken ct)
    {
        var userId = user.Id;
        var now = time.StoredUtcNow();
        var mode = options.CurrentValue.PublicContent;
        var strategy = db.Database.CreateExecutionStrategy();
        IReadOnlyList<Guid> pictures = [];
        var erased = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.BeginWriteTransactionAsync(ct);
            if ((stillDue is not null && !await stillDue(db, ct)) || !await AccountErasure.TombstoneAsync(db, userId, now, ct))
            {
                await tx.RollbackAsync(ct);
                return (ErasureNews?)null;
            }

            var news = await ErasureNews.GatherAsync(db, userId, mode, ct);
            pictures = await AccountErasure.ErasePicturesAsync(db, userId, ct);
            var complaints = await AccountErasure.EraseComplaintsAsync(db, userId, ct);
            await AccountErasure.ForgetPersonAsync(db, userId, user.Email, ct);
            var ideas = mode == PublicContentOnDeletion.Remove ? await AccountErasure.RemovePublicAsync(db, userId, now, ct) : [];
            await AccountErasure.ScrubMentionsAsync(db, user.DisplayName, user.Email, ct);
            await AccountErasure.ForgetMentionsAsync(db, userId, ct);
            await tx.CommitAsync(ct);
            return news with { ErasedComplaints = complaints, RemovedIdeas = ideas };
        });
        if (erased is null)
        {
            return DeletionResult.Of(DeletionOutcome.Gone);
        }

        pictureStore.Forget(pictures);

        // After the commit: open pages and hub connections of the person end now; the record before the news, which
        // only open pages miss if it fails.
        await access.EndSessionsAsync(userId, AccessChangeReason.Deleted, ct);
        await securityLog.RecordAsync(SecurityEventKind.AccountDeleted, userId, null, actorId: actor, detail: reason, ct: ct);
        try
        {
            // Done is done: the request going away does not stop the news, and news that fails is logged, not made a
            // failed deletion (the pages show the erasure on their next read).
            await erased.TellAsync(dbs, bus, notifications, now, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNewsFailed(e, userId);
        }

        return DeletionResult.Of(DeletionOutcome.Deleted);
    }

    private static void EnsureAdmin(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsAdmin || viewer.UserId is null)
        {
            throw new UnauthorizedAccessException("Only admins delete an account on someone's behalf.");
        }
    }

    private static string SignedIn(Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.UserId ?? throw new UnauthorizedAccessException("Only a signed-in person deletes their account.");
    }

    private async Task<bool> PasswordMatchesAsync(CareUser user, string password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>().CheckPasswordAsync(user, password);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {UserId} was deleted, but open pages could not all be told")]
    private partial void LogNewsFailed(Exception e, string userId);

    private static async Task<IReadOnlyList<OpenComplaint>> OpenComplaintsAsync(CareDb db, string userId, CancellationToken ct) =>
        await OpenComplaints.Query(db).AsNoTracking().Where(p => p.AuthorId == userId)
            .OrderBy(p => p.Id).Select(p => new OpenComplaint(p.Id, p.Title)).ToListAsync(ct);
}
