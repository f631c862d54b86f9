using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Notifications.Mail;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Threads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// A never-confirmed account that wrote something is deleted after the period as its owner would delete it: a tombstone,
/// the complaint erased, the idea and reply kept under "Former customer". People who confirmed, people who work here and
/// someone who confirms while the job is at work keep everything.
/// </summary>
public abstract class NeverConfirmedAccountRetentionTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Registered31DaysAgo => DateTime.UtcNow.AddDays(-31);

    private T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    private Task<CareDb> DbAsync() => Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);

    [Fact]
    public async Task An_unconfirmed_account_with_an_idea_a_reply_and_a_complaint_ends_as_a_self_deletion_ends()
    {
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var ottosIdea = await portal.ProposeIdeaAsync(otto, ct: Ct);
        var lapsed = await WriteAsync(await portal.AddAccountAsync(false, Registered31DaysAgo, Roles.Customer, UniqueName("Lapsed")), ottosIdea, anna);
        var leaver = await WriteAsync(await portal.AddPersonAsync(Roles.Customer, UniqueName("Leaver"), ct: Ct), ottosIdea, anna);
        // The mails these acts cause (Otto hears of both replies, naming them) are written before anyone is deleted.
        await Get<NotificationMailer>().MailInstantAsync(Ct);
        Assert.True((await Get<AccountDeletion>().DeleteAsync(leaver.Person.Viewer, leaver.Person.Password, [leaver.Complaint], Ct)).Succeeded);

        var pass = await RetentionTesting.Job(portal).RunOnceAsync(Ct);

        Assert.True(pass.AccountsErased >= 1);
        Assert.Equal(await ShapeAsync(leaver), await ShapeAsync(lapsed));
        await using var db = await DbAsync();
        var tombstone = await db.Users.SingleAsync(u => u.Id == lapsed.Person.Id, Ct);
        Assert.Equal((CareUser.FormerCustomerName, null, null, false), (tombstone.DisplayName, tombstone.Email, tombstone.PasswordHash, tombstone.EmailConfirmed));
        Assert.NotNull(tombstone.DeletedAt);
        Assert.False(await db.Posts.AnyAsync(p => p.Id == lapsed.Complaint, Ct));
        Assert.False(await db.Replies.AnyAsync(r => r.PostId == lapsed.Complaint, Ct));
        var idea = await db.Posts.SingleAsync(p => p.Id == lapsed.Idea, Ct);
        Assert.Equal((lapsed.Person.Id, lapsed.IdeaTitle, (DateTime?)null), (idea.AuthorId, idea.Title, idea.RemovedAt));
        Assert.True(await db.Replies.AnyAsync(r => r.PostId == ottosIdea && r.AuthorId == lapsed.Person.Id && r.Body == ReplyText && r.HiddenAt == null, Ct));
        Assert.Empty(await DeletedDataScan.FindAsync(db, lapsed.Person.DisplayName, Ct));
        Assert.Empty(await DeletedDataScan.FindAsync(db, lapsed.Person.Email, Ct));
        var logged = await db.SecurityEvents.SingleAsync(e => e.UserId == lapsed.Person.Id && e.Kind == SecurityEventKind.AccountDeleted, Ct);
        Assert.Null(logged.ActorId);
        Assert.StartsWith("Retention: address not confirmed within 30.00:00:00", logged.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_account_and_one_that_works_here_keep_what_they_wrote_however_old()
    {
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var ottosIdea = await portal.ProposeIdeaAsync(otto, ct: Ct);
        var confirmed = await WriteAsync(await portal.AddAccountAsync(true, RetentionTesting.LongAgo, Roles.Customer), ottosIdea, anna);
        var staff = await portal.AddAccountAsync(false, RetentionTesting.LongAgo, Roles.Staff);
        Assert.True((await Get<ThreadService>().ReplyAsync(ottosIdea, null, ReplyText, false, staff.Viewer, Ct)).Succeeded);

        await RetentionTesting.Job(portal).RunOnceAsync(Ct);

        await using var db = await DbAsync();
        var people = await db.Users.Where(u => u.Id == confirmed.Person.Id || u.Id == staff.Id)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.DeletedAt }).ToListAsync(Ct);
        Assert.Equal(
            new[] { (confirmed.Person.Id, confirmed.Person.DisplayName, confirmed.Person.Email), (staff.Id, staff.DisplayName, staff.Email) }.Order(),
            people.Where(p => p.DeletedAt == null).Select(p => (p.Id, p.DisplayName, p.Email!)).Order());
        Assert.True(await db.Posts.AnyAsync(p => p.Id == confirmed.Complaint && p.AuthorId == confirmed.Person.Id, Ct));
        Assert.Equal(2, await db.Replies.CountAsync(r => r.PostId == ottosIdea && (r.AuthorId == confirmed.Person.Id || r.AuthorId == staff.Id), Ct));
    }

    [Fact]
    public async Task Someone_who_confirms_after_the_job_read_the_batch_keeps_everything()
    {
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ottosIdea = await portal.ProposeIdeaAsync(otto, ct: Ct);
        var writer = await portal.AddAccountAsync(false, Registered31DaysAgo, Roles.Customer);
        var idea = await portal.ProposeIdeaAsync(writer, ct: Ct);
        var silent = await portal.AddAccountAsync(false, Registered31DaysAgo, Roles.Customer);
        Assert.True(await Get<Web.Features.Notifications.FollowService>().SetPostAsync(ottosIdea, true, silent.Viewer, Ct));
        var cutoff = DateTime.UtcNow.AddDays(-30);
        await using var db = await DbAsync();
        var batch = await NeverConfirmedAccounts.NextBatchAsync(db, cutoff, 10_000, Ct);
        Assert.Contains(writer.Id, batch.WithContent);
        Assert.Contains(silent.Id, batch.Empty);

        Assert.True(await ConfirmAsync(writer, await ConfirmationTokenAsync(writer)));
        Assert.True(await ConfirmAsync(silent, await ConfirmationTokenAsync(silent)));
        var done = await NeverConfirmedAccounts.DeleteAsync(db, Get<AccountDeletion>(), new([silent.Id], [writer.Id]), cutoff, "test", Ct);

        Assert.Equal((0, 0), done);
        await using var after = await DbAsync();
        var people = await after.Users.Where(u => u.Id == writer.Id || u.Id == silent.Id)
            .Select(u => new { u.DisplayName, u.Email, u.EmailConfirmed, u.DeletedAt }).ToListAsync(Ct);
        Assert.Equal(2, people.Count);
        Assert.All(people, p => Assert.True(p.EmailConfirmed && p.DeletedAt is null && p.Email is not null && p.DisplayName != CareUser.FormerCustomerName));
        Assert.Equal(writer.Id, await after.Posts.Where(p => p.Id == idea).Select(p => p.AuthorId).SingleAsync(Ct));
        Assert.True(await after.PostFollows.AnyAsync(f => f.UserId == silent.Id && f.PostId == ottosIdea, Ct));
    }

    [Fact]
    public async Task Confirming_while_the_job_erases_leaves_either_a_confirmed_account_or_a_clean_tombstone()
    {
        var otto = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ottosIdea = await portal.ProposeIdeaAsync(otto, ct: Ct);
        var cutoff = DateTime.UtcNow.AddDays(-30);
        for (var round = 0; round < 8; round++)
        {
            var writer = await portal.AddAccountAsync(false, Registered31DaysAgo, Roles.Customer);
            Assert.True((await Get<ThreadService>().ReplyAsync(ottosIdea, null, ReplyText, false, writer.Viewer, Ct)).Succeeded);
            var link = await ConfirmationTokenAsync(writer);
            var confirm = Task.Run(() => ConfirmAsync(writer, link), Ct);
            var erase = Task.Run(
                async () =>
                {
                    await using var db = await DbAsync();
                    return await NeverConfirmedAccounts.DeleteAsync(db, Get<AccountDeletion>(), new([], [writer.Id]), cutoff, "test", Ct);
                },
                Ct);
            await Task.WhenAll(confirm, erase);

            await using var after = await DbAsync();
            var person = await after.Users.SingleAsync(u => u.Id == writer.Id, Ct);
            if ((await erase).Erased == 1)
            {
                Assert.False(await confirm, "A confirmation succeeded on an account being erased.");
                Assert.Equal((CareUser.FormerCustomerName, null, false), (person.DisplayName, person.Email, person.EmailConfirmed));
                Assert.NotNull(person.DeletedAt);
            }
            else
            {
                Assert.True(await confirm);
                Assert.Equal((writer.DisplayName, writer.Email, true, (DateTime?)null), (person.DisplayName, person.Email, person.EmailConfirmed, person.DeletedAt));
            }
        }
    }

    private const string ReplyText = "Yes please, that would help.";

    private sealed record Written(TestPerson Person, int Idea, string IdeaTitle, int Complaint);

    private async Task<Written> WriteAsync(TestPerson person, int ottosIdea, TestPerson anna)
    {
        var title = TestPeople.UniqueTitle("Paper invoices");
        var idea = await portal.ProposeIdeaAsync(person, title, "Please send them by post.", Ct);
        Assert.True((await Get<ThreadService>().ReplyAsync(ottosIdea, null, ReplyText, false, person.Viewer, Ct)).Succeeded);
        var filed = await Get<ComplaintService>().FileAsync(
            new FileComplaint(TestPeople.UniqueTitle("Charged twice"), $"This is {person.DisplayName}, {person.Email}.", ComplaintMood.Angry, "K-7", false),
            person.Viewer, Ct);
        var complaint = filed.PostId!.Value;
        Assert.True((await Get<ThreadService>().ReplyAsync(complaint, null, "We refund it.", false, anna.Viewer, Ct)).Succeeded);
        return new(person, idea, title, complaint);
    }

    /// <summary>What deletion left of a person, with their own ids and words replaced by what they should have become.</summary>
    private async Task<string> ShapeAsync(Written w)
    {
        var id = w.Person.Id;
        await using var db = await DbAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id, Ct);
        var idea = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == w.Idea, Ct);
        var replies = await db.Replies.Where(r => r.AuthorId == id).Select(r => new { r.Body, Hidden = r.HiddenAt != null }).ToListAsync(Ct);
        return string.Join(
            " | ",
            user.DisplayName, user.Email ?? "no address", user.PasswordHash is null, user.DeletedAt is not null, user.UserName == $"deleted-{id}",
            await db.UserRoles.CountAsync(r => r.UserId == id, Ct), await db.UserTokens.CountAsync(t => t.UserId == id, Ct),
            idea.AuthorId == id, idea.Title == w.IdeaTitle, idea.RemovedAt is null,
            string.Join(",", replies.Select(r => $"{r.Body}/{r.Hidden}")),
            await db.Posts.CountAsync(p => p.AuthorId == id && p.Kind == PostKind.Complaint, Ct),
            await db.Posts.CountAsync(p => p.Id == w.Complaint, Ct),
            await db.PostFollows.CountAsync(f => f.UserId == id, Ct),
            await db.Notifications.CountAsync(n => n.UserId == id, Ct),
            await db.OutboxMails.CountAsync(m => m.UserId == id || m.ToAddress == w.Person.Email, Ct),
            await db.OutboxMails.CountAsync(m => m.TextBody.Contains(w.Person.DisplayName) || m.Subject.Contains(w.Person.DisplayName), Ct),
            await db.SecurityEvents.CountAsync(e => e.UserId == id && e.Kind == SecurityEventKind.AccountDeleted, Ct));
    }

    /// <summary>The code the confirmation mail carried, made while the account was unconfirmed (with its security stamp).</summary>
    private async Task<string> ConfirmationTokenAsync(TestPerson person)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        return await users.GenerateEmailConfirmationTokenAsync((await users.FindByIdAsync(person.Id))!);
    }

    // The confirmation link's work (EmailConfirmation.ConfirmAsync): UserManager, which checks the token against the
    // security stamp and saves under the concurrency stamp.
    private async Task<bool> ConfirmAsync(TestPerson person, string token)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var user = await users.FindByIdAsync(person.Id);
        return user is not null && (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }

    private static string UniqueName(string start) => $"{start} Quibbleworth{Guid.NewGuid():N}"[..30];
}

public sealed class SqliteNeverConfirmedAccountRetentionTests(EmptyPortalFactory portal)
    : NeverConfirmedAccountRetentionTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresNeverConfirmedAccountRetentionTests(EmptyPostgresPortalFactory portal)
    : NeverConfirmedAccountRetentionTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
