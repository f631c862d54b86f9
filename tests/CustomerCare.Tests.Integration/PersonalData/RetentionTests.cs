using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// The retention job on a real database: what is past its period goes (security events, sent mails, never-confirmed
/// empty accounts), what is not stays and a run does at most a batch. Rows are made now and dated back; the job's clock
/// is now. Closed complaints, accounts with content and every kind's batch have their own classes.
/// </summary>
public abstract class RetentionTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Now => DateTime.UtcNow;

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private RetentionJob Job(Action<RetentionOptions>? configure = null) => RetentionTesting.Job(portal, configure);

    [Fact]
    public async Task Security_events_older_than_the_period_are_dropped_and_recent_ones_kept()
    {
        var mark = Guid.NewGuid().ToString("N");
        await AddSecurityEventsAsync(mark, Now.AddDays(-181), Now.AddDays(-400), Now.AddDays(-179), Now.AddDays(-1));

        var pass = await Job().RunOnceAsync(Ct);

        Assert.True(pass.SecurityEventsDropped >= 2);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var left = await db.SecurityEvents.Where(e => e.Detail == mark).Select(e => e.OccurredAt).ToListAsync(Ct);
        Assert.Equal(2, left.Count);
        Assert.All(left, at => Assert.True(at > Now.AddDays(-180)));
    }

    [Fact]
    public async Task A_run_drops_at_most_one_batch_and_the_next_run_continues()
    {
        var mark = Guid.NewGuid().ToString("N");
        await AddSecurityEventsAsync(mark, [.. Enumerable.Range(0, 5).Select(i => RetentionTesting.LongAgo.AddMinutes(i))]);
        var job = Job(o => o.BatchSize = 2);

        var first = await job.RunOnceAsync(Ct);
        var afterFirst = await CountEventsAsync(mark);
        await job.RunOnceAsync(Ct);
        var afterSecond = await CountEventsAsync(mark);
        await job.RunOnceAsync(Ct);

        Assert.Equal(2, first.SecurityEventsDropped);
        Assert.True(first.FilledABatch(2));
        Assert.Equal((3, 1, 0), (afterFirst, afterSecond, await CountEventsAsync(mark)));
    }

    [Fact]
    public async Task Sent_mails_older_than_the_period_are_dropped_and_waiting_or_recent_ones_kept()
    {
        var mark = Guid.NewGuid().ToString("N");
        await portal.AddMailsAsync(
            mark,
            ("sent-31-days-ago", Now.AddDays(-31), null),
            ("given-up-40-days-ago", null, Now.AddDays(-40)),
            ("sent-29-days-ago", Now.AddDays(-29), null),
            ("given-up-2-days-ago", null, Now.AddDays(-2)),
            ("waiting-since-2001", null, null));

        var pass = await Job().RunOnceAsync(Ct);

        Assert.True(pass.MailsDropped >= 2);
        Assert.Equal(["given-up-2-days-ago", "sent-29-days-ago", "waiting-since-2001"], await portal.MailsLeftAsync(mark));
    }

    [Fact]
    public async Task Webhook_deliveries_done_longer_ago_than_the_period_are_dropped_and_waiting_ones_kept()
    {
        var mark = Guid.NewGuid().ToString("N");
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            // Switched off: the portal's own sender leaves its deliveries alone while the job looks at them.
            var endpoint = new WebhookEndpoint
            {
                Url = "https://hooks.example.com/" + mark, Events = "idea.created", ProtectedSecret = "x",
                CreatedAt = RetentionTesting.LongAgo, UpdatedAt = RetentionTesting.LongAgo, DisabledAt = RetentionTesting.LongAgo,
            };
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync(Ct);
            foreach (var (name, delivered, gaveUp) in new (string, DateTime?, DateTime?)[]
                     {
                         ("delivered-31-days-ago", Now.AddDays(-31), null), ("given-up-40-days-ago", null, Now.AddDays(-40)),
                         ("delivered-29-days-ago", Now.AddDays(-29), null), ("waiting-since-2001", null, null),
                     })
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    EndpointId = endpoint.Id, EventType = "idea.created", DedupKey = $"{mark}:{name}", MessageId = "msg_" + name,
                    Payload = "{}", CreatedAt = RetentionTesting.LongAgo, NextAttemptAt = RetentionTesting.LongAgo,
                    DeliveredAt = delivered, GaveUpAt = gaveUp,
                });
            }

            await db.SaveChangesAsync(Ct);
        }

        var pass = await Job().RunOnceAsync(Ct);
        var off = await Job(o => o.DropWebhookDeliveriesAfter = TimeSpan.Zero).RunOnceAsync(Ct);

        Assert.True(pass.WebhookDeliveriesDropped >= 2);
        Assert.Equal(0, off.WebhookDeliveriesDropped);
        await using var after = await Dbs.CreateDbContextAsync(Ct);
        var left = await after.WebhookDeliveries.Where(d => d.DedupKey.StartsWith(mark)).Select(d => d.DedupKey).ToListAsync(Ct);
        Assert.Equal([$"{mark}:delivered-29-days-ago", $"{mark}:waiting-since-2001"], left.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sent_mails_are_kept_while_their_period_is_off()
    {
        var mark = Guid.NewGuid().ToString("N");
        await portal.AddMailsAsync(mark, ("sent-in-2001", RetentionTesting.LongAgo, null));

        var pass = await Job(o => o.DropSentMailsAfter = TimeSpan.Zero).RunOnceAsync(Ct);

        Assert.Equal(0, pass.MailsDropped);
        Assert.Equal(["sent-in-2001"], await portal.MailsLeftAsync(mark));
    }

    [Fact]
    public async Task A_period_left_empty_erases_nothing_of_that_kind()
    {
        var mark = Guid.NewGuid().ToString("N");
        await AddSecurityEventsAsync(mark, Now.AddYears(-5));

        var pass = await Job(o => o.DropSecurityEventsAfter = null).RunOnceAsync(Ct);

        Assert.Equal(0, pass.SecurityEventsDropped);
        Assert.Equal(1, await CountEventsAsync(mark));
        await Job().RunOnceAsync(Ct);
        Assert.Equal(0, await CountEventsAsync(mark));
    }

    [Fact]
    public async Task A_never_confirmed_empty_account_past_the_period_is_deleted_with_its_follows_and_everyone_else_is_kept()
    {
        var idea = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var gone = await AddAccountAsync(confirmed: false, daysAgo: 31, Roles.Customer);
        var young = await AddAccountAsync(confirmed: false, daysAgo: 29, Roles.Customer);
        var confirmed = await AddAccountAsync(confirmed: true, daysAgo: 400, Roles.Customer);
        var staff = await AddAccountAsync(confirmed: false, daysAgo: 400, Roles.Staff);
        Assert.True(await portal.Services.GetRequiredService<FollowService>().SetPostAsync(idea, true, gone.Viewer, Ct));

        var pass = await Job().RunOnceAsync(Ct);

        Assert.True(pass.AccountsDeleted >= 1);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var left = await db.Users.Where(u => new[] { gone.Id, young.Id, confirmed.Id, staff.Id }.Contains(u.Id) && u.DeletedAt == null)
            .Select(u => u.Id).ToListAsync(Ct);
        Assert.Equal(new[] { young.Id, confirmed.Id, staff.Id }.Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal));
        Assert.False(await db.Users.AnyAsync(u => u.Id == gone.Id, Ct));
        Assert.False(await db.PostFollows.AnyAsync(f => f.UserId == gone.Id, Ct));
        Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == gone.Id, Ct));
    }

    private Task<TestPerson> AddAccountAsync(bool confirmed, int daysAgo, string role) =>
        portal.AddAccountAsync(confirmed, Now.AddDays(-daysAgo), role);

    private async Task AddSecurityEventsAsync(string mark, params DateTime[] when)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        db.SecurityEvents.AddRange(when.Select(at => new SecurityEvent { Kind = SecurityEventKind.SignedIn, Detail = mark, ClientAddress = "192.0.2.7", OccurredAt = at }));
        await db.SaveChangesAsync(Ct);
    }

    private async Task<int> CountEventsAsync(string mark)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.SecurityEvents.CountAsync(e => e.Detail == mark, Ct);
    }
}

public sealed class SqliteRetentionTests(EmptyPortalFactory portal) : RetentionTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresRetentionTests(EmptyPostgresPortalFactory portal) : RetentionTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
