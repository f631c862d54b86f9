using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Admin;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.PersonalData;
using Microsoft.EntityFrameworkCore;
using static CustomerCare.Tests.Integration.Security.ServiceCase;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>The matrix's rows for moderation, follows, the notification inbox and the administration of people.</summary>
internal static class AccountCases
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<ServiceCase> All() =>
    [
        // A prepared archive is its person's only: started by anyone signed in, read and opened by the one it was made for.
        Of("PersonalDataArchives.StartAsync", SignedIn, async (c, p) =>
            await Permitted(() => c.Get<PersonalDataArchives>().StartAsync(c.Viewer(p), Ct))),
        Of("PersonalDataArchives.LatestAsync", SignedIn, async (c, p) =>
        {
            if (p != Persona.Visitor)
            {
                await c.Get<PersonalDataArchives>().StartAsync(c.Viewer(p), Ct);
            }

            return await c.Get<PersonalDataArchives>().LatestAsync(c.Viewer(p), Ct) is { } latest && latest.UserId == c.Viewer(p).UserId;
        }),
        Of("PersonalDataArchives.StatusAsync", [Persona.Author], async (c, p) =>
            await c.Get<PersonalDataArchives>().StatusAsync(await AuthorsArchiveAsync(c), c.Viewer(p), Ct) is not null),
        Of("PersonalDataArchives.OpenAsync", [Persona.Author], async (c, p) =>
            await c.Get<PersonalDataArchives>().OpenAsync(await AuthorsArchiveAsync(c), c.Viewer(p), Ct) is not null),
        Of("PersonalDataExport.CountAsync", SignedIn, async (c, p) =>
            await Permitted(() => c.Get<PersonalDataExport>().CountAsync(c.Viewer(p), Ct))),
        // Requests on a person's behalf: admins only, with a reason.
        Of("PersonalDataRequests.FindAsync", [Persona.Admin], async (c, p) =>
            await Permitted(() => c.Get<PersonalDataRequests>().FindAsync(c.Person(Persona.Author).Id, c.Viewer(p), Ct))),
        Of("PersonalDataRequests.SearchAsync", [Persona.Admin], async (c, p) =>
            await Permitted(() => c.Get<PersonalDataRequests>().SearchAsync("Alma", c.Viewer(p), Ct))),
        Of("PersonalDataRequests.ExportForAsync", [Persona.Admin], async (c, p) =>
            await Permitted(() => c.Get<PersonalDataRequests>().ExportForAsync(c.Person(Persona.Author).Id, "Asked by letter", c.Viewer(p), Ct))),
        Of("PersonalDataRequests.LatestForAsync", [Persona.Admin], async (c, p) =>
            await Permitted(() => c.Get<PersonalDataRequests>().LatestForAsync(c.Person(Persona.Author).Id, c.Viewer(p), Ct))),
        Of("AccountDeletion.PreviewForAsync", [Persona.Admin], async (c, p) =>
            await Permitted(() => c.Get<AccountDeletion>().PreviewForAsync(c.Person(Persona.Author).Id, c.Viewer(p), Ct))),
        Of("AccountDeletion.DeleteForAsync", [Persona.Admin], async (c, p) =>
        {
            // A customer of its own each time: the matrix's author is needed by the other rows.
            var person = await c.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
            DeletionResult? result = null;
            return await Permitted(async () => result = await c.Get<AccountDeletion>().DeleteForAsync(person.Id, "Asked by letter", [], c.Viewer(p), Ct))
                && result?.Outcome == DeletionOutcome.Deleted;
        }),
        // Only one's own: the archive is of the person asking, so each signed-in person gets exactly theirs.
        Of("PersonalDataExport.CollectAsync", SignedIn, async (c, p) =>
        {
            PersonalDataArchive? archive = null;
            return await Permitted(async () => archive = await c.Get<PersonalDataExport>().CollectAsync(c.Viewer(p), ct: Ct))
                && archive?.Profile.Id == c.Person(p).Id;
        }),
        // Only one's own: the preview counts the viewer's content; the id is the viewer's, never a parameter.
        Of("AccountDeletion.PreviewAsync", SignedIn, async (c, p) =>
        {
            DeletionPreview? preview = null;
            return await Permitted(async () => preview = await c.Get<AccountDeletion>().PreviewAsync(c.Viewer(p), Ct))
                && preview?.UserId == c.Person(p).Id;
        }),
        // Customers may delete their own account (and nobody else's: there is no target to name); the wrong password
        // keeps the matrix's people, and answers WrongPassword only to someone allowed this far. People who work here
        // are refused (an admin removes them), visitors throw.
        Of("AccountDeletion.DeleteAsync", [Persona.Customer, Persona.AnotherCustomer, Persona.Author], async (c, p) =>
        {
            DeletionResult? result = null;
            return await Permitted(async () => result = await c.Get<AccountDeletion>().DeleteAsync(c.Viewer(p), "not the password", [], Ct))
                && result?.Outcome == DeletionOutcome.WrongPassword;
        }),
        Of("ModerationService.GetEditAccessAsync", AuthorAndWorksHere, async (c, p) =>
            (await c.Get<ModerationService>().GetEditAccessAsync(await c.IdeaAsync(), c.Viewer(p), Ct)).MayEdit),
        Of("ModerationService.EditAsync", AuthorAndWorksHere, async (c, p) =>
            (await c.Get<ModerationService>().EditAsync(await c.IdeaAsync(), "Edited by the matrix", "New words.", null, c.Viewer(p), Ct)).Outcome
                == ModerationOutcome.Done),
        Of("ModerationService.RemoveAsync", WorksHere, async (c, p) =>
            (await c.Get<ModerationService>().RemoveAsync(await c.IdeaAsync(), "Spam", c.Viewer(p), Ct)).Outcome == ModerationOutcome.Done),
        Of("ModerationService.RestoreAsync", WorksHere, async (c, p) =>
        {
            var idea = await c.IdeaAsync();
            await using (var db = await c.DbAsync())
            {
                await db.Posts.Where(x => x.Id == idea).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.RemovedAt, DateTime.UtcNow)
                    .SetProperty(x => x.RemovedById, c.Person(Persona.Staff).Id)
                    .SetProperty(x => x.RemovalReason, "Spam"), Ct);
            }

            return (await c.Get<ModerationService>().RestoreAsync(idea, null, c.Viewer(p), Ct)).Outcome == ModerationOutcome.Done;
        }),
        Of("ModerationService.ListAuditAsync", WorksHere, async (c, p) =>
        {
            var idea = await c.IdeaAsync();
            return await Permitted(() => c.Get<ModerationService>().ListAuditAsync(idea, c.Viewer(p), Ct));
        }),
        Of("FollowService.GetAsync", [Persona.Author], async (c, p) =>
            (await c.Get<FollowService>().GetAsync(await FollowedComplaintAsync(c), c.Viewer(p), Ct)).Following),
        Of("FollowService.IsFollowingAsync", [Persona.Author], async (c, p) =>
            await c.Get<FollowService>().IsFollowingAsync(await FollowedComplaintAsync(c), c.Viewer(p), Ct)),
        Of("FollowService.SetPostAsync", AuthorAndWorksHere, async (c, p) =>
            await c.Get<FollowService>().SetPostAsync(await c.ComplaintAsync(), true, c.Viewer(p), Ct)),
        Of("FollowService.IsFollowingCategoryAsync", [Persona.Author], async (c, p) =>
        {
            // The last category, which no other row follows: each person reads only their own follow.
            var category = await CategoryAsync(c, last: true);
            await c.Get<FollowService>().SetCategoryAsync(category, true, c.Viewer(Persona.Author), Ct);
            return await c.Get<FollowService>().IsFollowingCategoryAsync(category, c.Viewer(p), Ct);
        }),
        Of("FollowService.SetCategoryAsync", SignedIn, async (c, p) =>
            await c.Get<FollowService>().SetCategoryAsync(await CategoryAsync(c, last: false), true, c.Viewer(p), Ct)),
        Of("NotificationInbox.CountUnreadAsync", [Persona.Author], async (c, p) =>
        {
            var before = await c.Get<NotificationInbox>().CountUnreadAsync(c.Viewer(p), Ct);
            await c.NotificationAsync(await c.ComplaintAsync());
            return await c.Get<NotificationInbox>().CountUnreadAsync(c.Viewer(p), Ct) > before;
        }),
        Of("NotificationInbox.ListAsync", [Persona.Author], async (c, p) =>
        {
            var id = await c.NotificationAsync(await c.ComplaintAsync());
            return (await c.Get<NotificationInbox>().ListAsync(c.Viewer(p), ct: Ct)).Items.Any(i => i.Id == id);
        }),
        Of("NotificationInbox.MarkReadAsync", [Persona.Author], async (c, p) =>
            await c.Get<NotificationInbox>().MarkReadAsync(await c.NotificationAsync(await c.ComplaintAsync()), c.Viewer(p), Ct)),
        Of("NotificationInbox.MarkAllReadAsync", [Persona.Author], async (c, p) =>
        {
            var id = await c.NotificationAsync(await c.ComplaintAsync());
            await c.Get<NotificationInbox>().MarkAllReadAsync(c.Viewer(p), Ct);
            await using var db = await c.DbAsync();
            return await db.Notifications.AnyAsync(n => n.Id == id && n.ReadAt != null, Ct);
        }),
        Of("NotificationInbox.OpenAsync", [Persona.Author], async (c, p) =>
            await c.Get<NotificationInbox>().OpenAsync(await c.NotificationAsync(await c.ComplaintAsync()), c.Viewer(p), Ct) is not null),
        Of("AdminService.ListUsersAsync", [Persona.Admin], (c, p) =>
            Permitted(() => c.Get<AdminService>().ListUsersAsync(c.Viewer(p), null, 0, 10, Ct))),
        Of("AdminService.SetRoleAsync", [Persona.Admin], async (c, p) =>
        {
            var someone = await c.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
            return await Permitted(() => c.Get<AdminService>().SetRoleAsync(c.Viewer(p), someone.Id, Roles.ProductOwner, true, Ct));
        }),
    ];

    private static async Task<int> FollowedComplaintAsync(Cast c)
    {
        var complaint = await c.ComplaintAsync();
        await using var db = await c.DbAsync();
        db.PostFollows.Add(new PostFollow { UserId = c.Person(Persona.Author).Id, PostId = complaint, Reason = FollowReason.Author, Since = DateTime.UtcNow });
        await db.SaveChangesAsync(Ct);
        return complaint;
    }

    private static async Task<int> CategoryAsync(Cast c, bool last)
    {
        await using var db = await c.DbAsync();
        var ordered = last ? db.Categories.OrderByDescending(x => x.SortOrder) : db.Categories.OrderBy(x => x.SortOrder);
        return await ordered.Select(x => x.Id).FirstAsync(Ct);
    }

    // The author's archive, prepared and ready: the token its link carries.
    private static async Task<string> AuthorsArchiveAsync(Cast c)
    {
        var archives = c.Get<PersonalDataArchives>();
        var author = c.Viewer(Persona.Author);
        var token = (await archives.StartAsync(author, Ct)).Token;
        for (var tries = 0; tries < 600 && (await archives.StatusAsync(token, author, Ct))?.State == ArchiveState.Building; tries++)
        {
            await Task.Delay(50, Ct);
        }

        return token;
    }
}
