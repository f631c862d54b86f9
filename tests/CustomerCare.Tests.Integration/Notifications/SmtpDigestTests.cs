using System.Globalization;
using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Notifications.Mail;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Tests.Integration.Notifications;

/// <summary>
/// The daily digest and the choice of never, delivered to a real SMTP server, with the digest hour reached on the
/// test's <see cref="ManualTime"/> (the portal's own sender is left out).
/// </summary>
public abstract class SmtpDigestTests(SmtpPortalFactory portal)
{
    private readonly SmtpTesting mail = new(portal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_digest_reader_gets_one_mail_at_the_digest_hour_grouping_the_days_news_by_post_and_never_readers_get_nothing()
    {
        var author = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        var digest = await mail.AddPersonAsync(Roles.Customer, "de", Ct);
        var never = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        var staff = await mail.AddPersonAsync(Roles.Staff, "en", Ct, name: "Sam Staff");
        var owner = await mail.AddPersonAsync(Roles.ProductOwner, "en", Ct);
        foreach (var kind in (NotificationKind[])[NotificationKind.Reply, NotificationKind.StatusChanged])
        {
            await mail.SetDeliveryAsync(digest.Id, kind, MailDelivery.DailyDigest, Ct);
            await mail.SetDeliveryAsync(never.Id, kind, MailDelivery.Never, Ct);
        }

        var first = NewTitle("Invoices as CSV");
        var second = NewTitle("Dark mode");
        var one = await ProposeAsync(first, author, digest, never);
        var two = await ProposeAsync(second, author, digest, never);
        await mail.Get<ThreadService>().ReplyAsync(one, null, "Looking into it.", false, staff.Viewer, Ct);
        await mail.Get<ThreadService>().ReplyAsync(two, null, "Nice one.", false, staff.Viewer, Ct);
        await mail.Get<ThreadService>().ReplyAsync(one, null, "Found the cause.", false, staff.Viewer, Ct);
        await mail.Get<StatusDecisionService>().ChangeStatusAsync(two, PostStatus.Planned, null, null, owner.Viewer, Ct);
        var digestAt = NextDigestHour(mail.Options);

        await mail.CycleAsync(new ManualTime(digestAt.AddHours(-1)), Ct);
        Assert.Empty(portal.Smtp.ReceivedBy(digest.Email));
        await mail.CycleAsync(new ManualTime(digestAt), Ct);
        await mail.CycleAsync(new ManualTime(digestAt.AddHours(1)), Ct);
        await mail.CycleAsync(new ManualTime(digestAt.AddDays(1)), Ct);

        var received = Assert.Single(portal.Smtp.ReceivedBy(digest.Email));
        var text = received.Text.ReplaceLineEndings("\n");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(digestAt, mail.Options.DigestZone));
        Assert.Equal($"Ihre Zusammenfassung vom {day.ToString("d", CultureInfo.GetCultureInfo("de"))}: 4 Neuigkeiten", received.Message.Subject);
        Assert.StartsWith("4 Neuigkeiten zu 2 Themen", text, StringComparison.Ordinal);
        Assert.Equal(2, Count(text, $"Sam Staff hat auf „{first}“ geantwortet"));
        Assert.Equal(1, Count(text, $"Sam Staff hat auf „{second}“ geantwortet"));
        Assert.Equal(1, Count(text, $"„{second}“ ist jetzt: Geplant"));
        // Grouped: each post is one heading line, followed by its own news only.
        Assert.Equal(1, Regex.Count(text, $"^{Regex.Escape(first)}$", RegexOptions.Multiline));
        Assert.Equal(1, Regex.Count(text, $"^{Regex.Escape(second)}$", RegexOptions.Multiline));
        var secondSection = text[text.IndexOf("\n" + second + "\n", StringComparison.Ordinal)..];
        Assert.DoesNotContain($"„{first}“", secondSection, StringComparison.Ordinal);
        Assert.Contains($"{SmtpPortalFactory.PublicUrl}/posts/{one}#reply-", text, StringComparison.Ordinal);
        Assert.Contains($"{SmtpPortalFactory.PublicUrl}/posts/{two}", text, StringComparison.Ordinal);
        Assert.NotNull(received.Message.Headers["List-Unsubscribe"]);
        Assert.Empty(portal.Smtp.ReceivedBy(never.Email));
        Assert.Empty(await mail.OutboxToAsync(never.Email, Ct));
        Assert.Equal((4, 0), await EmailedAsync(digest.Id));
        Assert.Equal((0, 4), await EmailedAsync(never.Id));
    }

    [Fact]
    public async Task People_who_cannot_be_mailed_never_crowd_out_those_who_can_instantly_or_in_the_digest()
    {
        var author = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        var instant = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        var digest = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        await mail.SetDeliveryAsync(digest.Id, NotificationKind.Reply, MailDelivery.DailyDigest, Ct);
        var idea = await ProposeAsync(NewTitle("Crowded"), author, instant, digest);
        var now = DateTime.UtcNow;
        var crowd = NotificationMailer.BatchSize + NotificationMailer.DigestUsersPerRun + 1;
        await AddUnmailableCrowdAsync(idea, crowd, now.AddMinutes(-30), confirmed: false);
        // Confirmed, but their news is about a post removed since (moderation took a spam idea down): never mailable either.
        var removed = await new TestContent(portal).AddPostAsync(PostKind.Idea, author.Id, Ct);
        await using (var db = await mail.Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == removed).ExecuteUpdateAsync(s => s.SetProperty(p => p.RemovedAt, now), Ct);
        }

        await AddUnmailableCrowdAsync(removed, crowd, now.AddMinutes(-30), confirmed: true);
        var staff = await mail.AddPersonAsync(Roles.Staff, "en", Ct);
        await mail.Get<ThreadService>().ReplyAsync(idea, null, "We hear you.", false, staff.Viewer, Ct);

        await mail.CycleAsync(new ManualTime(now.AddMinutes(1)), Ct);
        await mail.CycleAsync(new ManualTime(NextDigestHour(mail.Options)), Ct);

        Assert.Single(portal.Smtp.ReceivedBy(instant.Email));
        Assert.Single(portal.Smtp.ReceivedBy(digest.Email));
    }

    /// <summary>Customers whose ids sort first, each with pending news of both kinds about the post: the first in every queue.</summary>
    private async Task AddUnmailableCrowdAsync(int postId, int count, DateTime at, bool confirmed)
    {
        await using var db = await mail.Dbs.CreateDbContextAsync(Ct);
        var customer = await db.Roles.Where(r => r.Name == Roles.Customer).Select(r => r.Id).SingleAsync(Ct);
        for (var i = 0; i < count; i++)
        {
            var id = $"0000000crowd{(confirmed ? 1 : 0)}{i:D4}{Guid.NewGuid():N}";
            db.UserRoles.Add(new() { UserId = id, RoleId = customer });
            var email = $"crowd-{id}@mail.example";
            db.Users.Add(new CareUser
            {
                Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = "Crowd", CustomerSince = at.AddDays(-30), EmailConfirmed = confirmed,
            });
            db.Notifications.Add(new Notification { UserId = id, Kind = NotificationKind.Reply, PostId = postId, CreatedAt = at });
            db.Notifications.Add(new Notification { UserId = id, Kind = NotificationKind.NewIdea, PostId = postId, CreatedAt = at });
        }

        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Half past the digest hour in the digest zone, the first such moment from a minute from now.</summary>
    private static DateTime NextDigestHour(MailOptions options)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddMinutes(1), options.DigestZone);
        var at = local.Date.AddHours(options.DigestHour).AddMinutes(30);
        if (at <= local)
        {
            at = at.AddDays(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(at, options.DigestZone);
    }

    private async Task<int> ProposeAsync(string title, Person author, params Person[] followers)
    {
        var idea = (await mail.Get<IdeaService>().ProposeAsync(new(title, "Written by a digest test.", null), author.Viewer, Ct)).PostId!.Value;
        foreach (var follower in followers)
        {
            Assert.True(await mail.Get<FollowService>().SetPostAsync(idea, true, follower.Viewer, Ct));
        }

        return idea;
    }

    private async Task<(int Emailed, int NotEmailed)> EmailedAsync(string userId)
    {
        await using var db = await mail.Dbs.CreateDbContextAsync(Ct);
        var mine = db.Notifications.Where(n => n.UserId == userId);
        return (await mine.CountAsync(n => n.EmailedAt != null, Ct), await mine.CountAsync(n => n.EmailedAt == null, Ct));
    }

    private static int Count(string text, string part) => Regex.Count(text, Regex.Escape(part));

    private static string NewTitle(string start) => $"{start} {Guid.NewGuid().ToString("N")[..6]}";
}

public sealed class SqliteSmtpDigestTests(SqliteSmtpQueuePortal portal) : SmtpDigestTests(portal), IClassFixture<SqliteSmtpQueuePortal>;

public sealed class PostgresSmtpDigestTests(PostgresSmtpQueuePortal portal) : SmtpDigestTests(portal), IClassFixture<PostgresSmtpQueuePortal>;
