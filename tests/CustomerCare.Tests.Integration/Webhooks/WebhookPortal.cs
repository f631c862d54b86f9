using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Webhooks;

/// <summary>
/// A portal whose webhooks may call loopback (the test receivers) and whose timings are short: an attempt times out after
/// two seconds, a retry follows after a fifth of a second, an endpoint is switched off after four failures in a row.
/// </summary>
public class WebhookPortal : PortalFactory
{
    public WebhookPortal()
        : this(DatabaseProvider.Sqlite)
    {
    }

    protected WebhookPortal(DatabaseProvider provider)
        : base(provider, seedDemo: false)
    {
        With("Webhooks:AllowPrivateTargets", "true");
        With("Webhooks:Timeout", "00:00:02");
        With("Webhooks:BackoffBase", "00:00:00.2");
        With("Webhooks:MaxBackoff", "00:00:00.5");
        With("Webhooks:MaxAttempts", "5");
        With("Webhooks:DisableAfterFailures", "4");
        With("Webhooks:LeaseDuration", "00:00:10");
        With("Webhooks:PollInterval", "00:00:00.1");
        With("Webhooks:VoteBatch", "00:00:03");
    }
}

/// <summary>The same over a fresh PostgreSQL database: the outbox's claims and counters on a server database.</summary>
public sealed class PostgresWebhookPortal() : WebhookPortal(DatabaseProvider.Postgres);

public static class WebhookTesting
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An endpoint for <paramref name="url"/>, made by a new admin through the admin service; returns its id and secret.</summary>
    public static async Task<(int Id, string Secret, TestPerson Admin)> AddEndpointAsync(
        this PortalFactory portal, string url, bool includeInternal, params string[] events)
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var input = new WebhookInput { Url = url, Description = "Test receiver", IncludeInternal = includeInternal };
        foreach (var type in events)
        {
            input.Events.Add(type);
        }

        var saved = await portal.Services.GetRequiredService<WebhookAdminService>().SaveAsync(admin.Viewer, null, input, Ct);
        Assert.True(saved.Saved, $"The endpoint was refused: {saved.Problem}");
        return (saved.EndpointId!.Value, saved.Secret!, admin);
    }

    public static async Task<List<WebhookDelivery>> DeliveriesAsync(this PortalFactory portal, int endpointId)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderBy(d => d.Id).ToListAsync(Ct);
    }

    /// <summary>Waits (bounded) until <paramref name="done"/> holds for the endpoint's deliveries, and returns them.</summary>
    public static async Task<List<WebhookDelivery>> WaitForDeliveriesAsync(
        this PortalFactory portal, int endpointId, Func<List<WebhookDelivery>, bool> done)
    {
        var until = DateTime.UtcNow + TestTimeouts.Wait;
        while (true)
        {
            var deliveries = await portal.DeliveriesAsync(endpointId);
            if (done(deliveries))
            {
                return deliveries;
            }

            Assert.True(DateTime.UtcNow < until, $"Deliveries never got there: {string.Join("; ", deliveries.Select(d => $"{d.EventType} attempts {d.Attempts} delivered {d.DeliveredAt} last {d.LastStatusCode} {d.LastResponse}"))}");
            await Task.Delay(50, Ct);
        }
    }

    public static async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var until = DateTime.UtcNow + TestTimeouts.Wait;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < until, what);
            await Task.Delay(50, Ct);
        }
    }
}
