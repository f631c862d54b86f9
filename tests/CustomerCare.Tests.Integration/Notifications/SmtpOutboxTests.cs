using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Notifications.Mail;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CustomerCare.Tests.Integration.Notifications;

/// <summary>
/// The outbox against a real SMTP server that goes away, refuses an address, or is raced by two senders: nothing lost,
/// nothing sent twice. Time is the test's <see cref="ManualTime"/>; the portal's own sender is left out.
/// </summary>
public abstract class SmtpOutboxTests(SmtpPortalFactory portal)
{
    private readonly SmtpTesting mail = new(portal);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_the_server_is_down_mails_wait_with_growing_back_off_and_go_out_exactly_once_when_it_returns()
    {
        var to = NewAddress("outage");
        var key = await EnqueueAsync(to);
        var time = StartClock();
        var sender = mail.Sender(time);
        var waits = new List<TimeSpan>();

        portal.Smtp.Stop();
        try
        {
            // More failed attempts than MaxAttempts: an unreachable server says nothing about the mail, so it is kept.
            for (var attempt = 1; attempt <= mail.Options.MaxAttempts + 3; attempt++)
            {
                // Counts of other tests' mails in the shared outbox vary; this mail's row is what is checked.
                await sender.RunOnceAsync(Ct);
                var row = Assert.Single(await mail.OutboxToAsync(to, Ct));
                Assert.Equal((attempt, null, null), (row.Attempts, row.SentAt, row.GaveUpAt));
                Assert.Contains("SocketException", row.LastError, StringComparison.Ordinal);
                waits.Add(row.NextAttemptAt - time.UtcNow);
                await sender.RunOnceAsync(Ct);
                Assert.Equal(attempt, Assert.Single(await mail.OutboxToAsync(to, Ct)).Attempts);
                time.UtcNow = row.NextAttemptAt;
            }
        }
        finally
        {
            portal.Smtp.StartAgain();
        }

        await sender.RunOnceAsync(Ct);
        time.Advance(TimeSpan.FromDays(1));
        await sender.RunOnceAsync(Ct);

        var received = Assert.Single(portal.Smtp.ReceivedBy(to));
        var sent = Assert.Single(await mail.OutboxToAsync(to, Ct));
        Assert.Equal(time.UtcNow - TimeSpan.FromDays(1), sent.SentAt);
        Assert.Equal([mail.Options.BackoffBase, mail.Options.BackoffBase * 2, mail.Options.BackoffBase * 4], waits.Take(3));
        Assert.Equal(mail.Options.MaxBackoff, waits[^1]);
        Assert.Equal(MailTransport.MessageIdFor(key, "lindenhof.example"), received.Message.MessageId);
        Assert.Equal(1, mail.Logs.Count(LogLevel.Warning, $"The mail server 127.0.0.1:{portal.Smtp.Port} cannot be reached"));
        Assert.Equal(1, mail.Logs.Count(LogLevel.Information, "accepts mail again"));
    }

    [Fact]
    public async Task A_refused_address_is_given_up_at_once_logged_and_never_retried_while_the_others_go_out()
    {
        var before = NewAddress("before");
        var bounce = NewAddress("bounce");
        var after = NewAddress("after");
        portal.Smtp.Refuse(bounce);
        await EnqueueAsync(before);
        var key = await EnqueueAsync(bounce);
        await EnqueueAsync(after);
        var time = StartClock();
        var sender = mail.Sender(time);

        await sender.RunOnceAsync(Ct);
        time.Advance(TimeSpan.FromDays(2));
        await sender.RunOnceAsync(Ct);

        var refused = Assert.Single(await mail.OutboxToAsync(bounce, Ct));
        Assert.Equal((1, null, time.UtcNow - TimeSpan.FromDays(2)), (refused.Attempts, refused.SentAt, refused.GaveUpAt));
        Assert.Contains("SMTP 550", refused.LastError, StringComparison.Ordinal);
        Assert.Empty(portal.Smtp.ReceivedBy(bounce));
        Assert.Single(portal.Smtp.ReceivedBy(before));
        Assert.Single(portal.Smtp.ReceivedBy(after));
        Assert.NotNull(Assert.Single(await mail.OutboxToAsync(after, Ct)).SentAt);
        Assert.Equal(1, mail.Logs.Count(LogLevel.Warning, $"({key}) was refused for good and will not be retried: SMTP 550"));
    }

    [Fact]
    public async Task Two_senders_claiming_the_same_outbox_at_once_send_every_mail_exactly_once()
    {
        var addresses = Enumerable.Range(0, 3 * mail.Options.BatchSize + 5).Select(i => NewAddress($"race{i}")).ToList();
        foreach (var address in addresses)
        {
            await EnqueueAsync(address);
        }

        var time = StartClock();
        var one = mail.Sender(time);
        var two = mail.Sender(time);
        for (var round = 0; round < 20 && await UnsentAsync(addresses) > 0; round++)
        {
            await Task.WhenAll(Task.Run(() => one.RunOnceAsync(Ct), Ct), Task.Run(() => two.RunOnceAsync(Ct), Ct));
        }

        var received = portal.Smtp.Received().SelectMany(m => m.EnvelopeTo).Where(addresses.Contains).ToList();
        Assert.Equal(0, await UnsentAsync(addresses));
        Assert.Equal(addresses.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_servers_turning_the_same_notifications_into_mails_at_once_mail_each_follower_once()
    {
        var author = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
        var staff = await mail.AddPersonAsync(Roles.Staff, "en", Ct);
        var idea = (await mail.Get<IdeaService>().ProposeAsync(new($"Race {Guid.NewGuid():N}"[..12], "Two servers.", null), author.Viewer, Ct)).PostId!.Value;
        var followers = new List<Person>();
        for (var i = 0; i < 6; i++)
        {
            var follower = await mail.AddPersonAsync(Roles.Customer, "en", Ct);
            Assert.True(await mail.Get<FollowService>().SetPostAsync(idea, true, follower.Viewer, Ct));
            followers.Add(follower);
        }

        await mail.Get<ThreadService>().ReplyAsync(idea, null, "Both servers saw this.", false, staff.Viewer, Ct);
        var time = StartClock();
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Task.Run(() => mail.Mailer(time).MailInstantAsync(Ct), Ct), Task.Run(() => mail.Mailer(time).MailInstantAsync(Ct), Ct));
            await Task.WhenAll(Task.Run(() => mail.Sender(time).RunOnceAsync(Ct), Ct), Task.Run(() => mail.Sender(time).RunOnceAsync(Ct), Ct));
        }

        Assert.All(followers.Append(author), person => Assert.Single(portal.Smtp.ReceivedBy(person.Email)));
        foreach (var follower in followers)
        {
            Assert.Single(await mail.OutboxToAsync(follower.Email, Ct));
        }
    }

    [Fact]
    public async Task A_pickup_folder_that_cannot_be_written_is_logged_as_such_not_as_an_unreachable_mail_server()
    {
        var to = NewAddress("pickup");
        await EnqueueAsync(to);
        var blocked = Path.Combine(Path.GetTempPath(), "customercare-tests", $"pickup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.GetDirectoryName(blocked)!);
        await File.WriteAllTextAsync(blocked, "a file where the folder should be", Ct);
        var options = mail.Options;
        var pickup = new MailOptions { PickupDirectory = blocked, Smtp = new SmtpOptions { Host = "" }, BatchSize = options.BatchSize };
        var time = StartClock();
        var sender = mail.Sender(time, pickup);
        try
        {
            await sender.RunOnceAsync(Ct);
        }
        finally
        {
            File.Delete(blocked);
        }

        var row = Assert.Single(await mail.OutboxToAsync(to, Ct));
        Assert.Equal((1, null), (row.Attempts, row.SentAt));
        Assert.Contains($"The pickup folder {blocked} cannot be written", row.LastError, StringComparison.Ordinal);
        Assert.Equal(1, mail.Logs.Count(LogLevel.Warning, $"The pickup folder {blocked} cannot be written"));
        Assert.Equal(0, mail.Logs.Count(LogLevel.Warning, "cannot be reached"));

        // The file is gone, so the folder can be made: the waiting mail is written out.
        time.UtcNow = row.NextAttemptAt;
        await sender.RunOnceAsync(Ct);
        try
        {
            Assert.NotNull(Assert.Single(await mail.OutboxToAsync(to, Ct)).SentAt);
            Assert.Contains(Directory.GetFiles(blocked, "*.eml"), file => File.ReadAllText(file).Contains(to, StringComparison.Ordinal));
            Assert.Equal(1, mail.Logs.Count(LogLevel.Information, $"The pickup folder {blocked} can be written again"));
        }
        finally
        {
            Directory.Delete(blocked, recursive: true);
        }
    }

    private static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@mail.example";

    // Whole seconds: PostgreSQL keeps microseconds, so a clock with finer ticks would not compare equal after a round trip.
    private static ManualTime StartClock() => new(DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1));

    private async Task<string> EnqueueAsync(string to)
    {
        var key = $"test:{Guid.NewGuid():N}";
        Assert.True(await mail.Get<MailQueue>().EnqueueAsync(new(key, null, to, null, "Hello " + to, "Text for " + to, "<p>Text</p>"), Ct));
        return key;
    }

    private async Task<int> UnsentAsync(List<string> addresses)
    {
        await using var db = await mail.Dbs.CreateDbContextAsync(Ct);
        return await db.OutboxMails.CountAsync(m => addresses.Contains(m.ToAddress) && m.SentAt == null, Ct);
    }
}

public sealed class SqliteSmtpOutboxTests(SqliteSmtpQueuePortal portal) : SmtpOutboxTests(portal), IClassFixture<SqliteSmtpQueuePortal>;

public sealed class PostgresSmtpOutboxTests(PostgresSmtpQueuePortal portal) : SmtpOutboxTests(portal), IClassFixture<PostgresSmtpQueuePortal>;
