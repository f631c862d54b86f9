using System.Net;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Webhooks;

/// <summary>The outbox's promises: one send per delivery whatever the number of senders; a failing endpoint is switched off.</summary>
public abstract class WebhookOutboxTests(WebhookPortal portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_senders_on_one_database_never_send_one_delivery_twice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, _, admin) = await portal.AddEndpointAsync(receiver.Url, includeInternal: false, WebhookEvents.IdeaCreated);
        var admins = portal.Services.GetRequiredService<WebhookAdminService>();
        for (var i = 0; i < 30; i++)
        {
            await admins.SendTestAsync(admin.Viewer, endpointId, Ct);
        }

        // The hosted worker is one sender; two more instances (as on other servers) claim from the same database.
        var other = ActivatorUtilities.CreateInstance<WebhookSender>(portal.Services);
        var third = ActivatorUtilities.CreateInstance<WebhookSender>(portal.Services);
        for (var round = 0; round < 20 && (await portal.DeliveriesAsync(endpointId)).Any(d => d.DeliveredAt is null); round++)
        {
            await Task.WhenAll(other.RunOnceAsync(Ct), third.RunOnceAsync(Ct));
        }

        var deliveries = await portal.WaitForDeliveriesAsync(endpointId, d => d.All(x => x.DeliveredAt is not null));
        Assert.Equal(30, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(1, d.Attempts));
        Assert.Equal(30, receiver.Received.Count);
        Assert.Equal(30, receiver.Received.Select(r => r.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_switched_off_and_every_admin_is_mailed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => HttpStatusCode.ServiceUnavailable;
        var (endpointId, _, admin) = await portal.AddEndpointAsync(receiver.Url, includeInternal: false, WebhookEvents.IdeaCreated);

        await portal.Services.GetRequiredService<WebhookAdminService>().SendTestAsync(admin.Viewer, endpointId, Ct);

        var dbs = portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();
        WebhookEndpoint? endpoint = null;
        await WebhookTesting.WaitUntilAsync(() =>
        {
            using var db = dbs.CreateDbContext();
            endpoint = db.WebhookEndpoints.AsNoTracking().Single(e => e.Id == endpointId);
            return endpoint.DisabledAt is not null;
        }, "The endpoint was never switched off.");
        Assert.Contains("HTTP 503", endpoint!.DisabledReason, StringComparison.Ordinal);
        // The mail follows the switch-off (the server that switched it off writes it to the outbox).
        var prefix = $"webhook-disabled:{endpointId}:";
        List<OutboxMail> mail = [];
        await WebhookTesting.WaitUntilAsync(() =>
        {
            using var db = dbs.CreateDbContext();
            mail = [.. db.OutboxMails.AsNoTracking().Where(m => m.DedupKey.StartsWith(prefix))];
            return mail.Any(m => m.UserId == admin.Id);
        }, "No admin was mailed.");
        Assert.Contains(receiver.Url, mail.First(m => m.UserId == admin.Id).TextBody, StringComparison.Ordinal);
        Assert.Equal(4, receiver.Received.Count);
        var delivery = (await portal.DeliveriesAsync(endpointId)).Single();
        Assert.Null(delivery.GaveUpAt); // it waits for the endpoint to be switched on again
    }

    [Fact]
    public async Task Votes_within_the_batch_window_make_one_event_with_the_newest_count()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (endpointId, _, _) = await portal.AddEndpointAsync(receiver.Url, includeInternal: false, WebhookEvents.IdeaVotesChanged);
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ideaId = await portal.ProposeIdeaAsync(author, ct: Ct);
        var publisher = portal.Services.GetRequiredService<WebhookPublisher>();
        var dbs = portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

        for (var count = 1; count <= 3; count++)
        {
            await using var db = await dbs.CreateDbContextAsync(Ct);
            await db.Posts.Where(p => p.Id == ideaId).ExecuteUpdateAsync(s => s.SetProperty(p => p.VoteCount, count), Ct);
            await publisher.VotesChangedAsync(ideaId);
        }

        var delivered = await portal.WaitForDeliveriesAsync(endpointId, d => d.Count > 0 && d.All(x => x.DeliveredAt is not null));
        // The three may straddle a window's end; then two events, the last with the newest count.
        Assert.InRange(delivered.Count, 1, 2);
        Assert.Contains("\"votes\":3", receiver.Received.Last().Body, StringComparison.Ordinal);
    }
}

public sealed class SqliteWebhookOutboxTests(WebhookPortal portal) : WebhookOutboxTests(portal), IClassFixture<WebhookPortal>;

public sealed class PostgresWebhookOutboxTests(PostgresWebhookPortal portal) : WebhookOutboxTests(portal), IClassFixture<PostgresWebhookPortal>;
