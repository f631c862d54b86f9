using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Notifications;

/// <summary>
/// A mail is written, then stored: a person it names who deletes their account in between must not stay named in the
/// outbox (the deletion's scrub ran before the mail was there). The mailer finds the facts changed when it stores,
/// stores nothing, and the next pass writes the mail with "Former customer".
/// </summary>
public abstract class MailAfterDeletionTests(SmtpPortalFactory portal)
{
    private readonly SmtpTesting mail = new(portal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_mail_written_before_its_replier_deleted_their_account_is_written_again_without_the_name()
    {
        var author = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        var name = $"Zora Vanishing {Guid.NewGuid():N}"[..28];
        var replier = await mail.AddPersonAsync(Roles.Customer, "en", Ct, name: name);
        var admin = await mail.AddPersonAsync(Roles.Admin, "en", Ct);
        var idea = (await mail.Get<IdeaService>().ProposeAsync(new($"Paper bills {Guid.NewGuid():N}"[..20], "Written by a mail test.", null), author.Viewer, Ct)).PostId!.Value;
        Assert.True((await mail.Get<ThreadService>().ReplyAsync(idea, null, "Same here.", false, replier.Viewer, Ct)).Succeeded);

        var deleted = false;
        var first = await mail.Mailer(TimeProvider.System).MailInstantAsync(async ct =>
        {
            if (!deleted)
            {
                deleted = true;
                var result = await mail.Get<AccountDeletion>().DeleteForAsync(replier.Id, "Asked by letter.", [], admin.Viewer, ct);
                Assert.Equal(DeletionOutcome.Deleted, result.Outcome);
            }
        }, Ct);

        Assert.True(deleted);
        Assert.Equal(0, first);
        Assert.Empty(await mail.OutboxToAsync(author.Email, Ct));

        await mail.Mailer(TimeProvider.System).MailInstantAsync(Ct);

        var stored = Assert.Single(await mail.OutboxToAsync(author.Email, Ct));
        Assert.StartsWith("Former customer replied", stored.Subject, StringComparison.Ordinal);
        await using var db = await mail.Dbs.CreateDbContextAsync(Ct);
        Assert.False(await db.OutboxMails.AnyAsync(m => m.Subject.Contains(name) || m.TextBody.Contains(name) || m.HtmlBody.Contains(name), Ct));
    }
}

public sealed class SqliteMailAfterDeletionTests(SqliteSmtpQueuePortal portal) : MailAfterDeletionTests(portal), IClassFixture<SqliteSmtpQueuePortal>;

public sealed class PostgresMailAfterDeletionTests(PostgresSmtpQueuePortal portal) : MailAfterDeletionTests(portal), IClassFixture<PostgresSmtpQueuePortal>;
