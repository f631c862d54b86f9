using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Api;
using CustomerCare.Web.Features.Webhooks;
using static CustomerCare.Tests.Integration.Security.ServiceCase;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>The matrix's rows for what connects the portal to other tools: personal access tokens and webhooks.</summary>
internal static class IntegrationCases
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime InAMonth => DateTime.UtcNow.AddDays(30);

    public static IEnumerable<ServiceCase> All() =>
    [
        // Tokens are each person's own: anyone signed in lists and makes theirs; the admin scope only an admin may hold.
        Of("AccessTokenService.ListAsync", SignedIn, async (c, p) =>
            await Permitted(() => c.Get<AccessTokenService>().ListAsync(c.Viewer(p), Ct))),
        Of("AccessTokenService.CreateAsync", [Persona.Admin], async (c, p) =>
        {
            AccessTokenCreated? made = null;
            return await Permitted(async () => made = await c.Get<AccessTokenService>().CreateAsync("Matrix", TokenScope.Admin, InAMonth, c.Viewer(p), Ct))
                && made?.Secret is not null;
        }),
        Of("AccessTokenService.RevokeAsync", [Persona.Author], async (c, p) =>
        {
            var authors = await c.Get<AccessTokenService>().CreateAsync("Author's", TokenScope.Read, InAMonth, c.Viewer(Persona.Author), Ct);
            var revoked = false;
            return await Permitted(async () => revoked = await c.Get<AccessTokenService>().RevokeAsync(authors.Token!.Id, c.Viewer(p), Ct)) && revoked;
        }),

        // Webhooks are the admins' to manage, each call checked against the stored admin role.
        Of("WebhookAdminService.ListAsync", [Persona.Admin], async (c, p) =>
            await Permitted(() => c.Get<WebhookAdminService>().ListAsync(c.Viewer(p), Ct))),
        Of("WebhookAdminService.SaveAsync", [Persona.Admin], async (c, p) =>
        {
            var input = new WebhookInput { Url = "https://hooks.example.com/in", Events = { WebhookEvents.IdeaCreated } };
            return await Permitted(() => c.Get<WebhookAdminService>().SaveAsync(c.Viewer(p), null, input, Ct));
        }),
        Of("WebhookAdminService.RotateSecretAsync", [Persona.Admin], async (c, p) =>
        {
            var id = await EndpointAsync(c);
            string? secret = null;
            return await Permitted(async () => secret = await c.Get<WebhookAdminService>().RotateSecretAsync(c.Viewer(p), id, Ct)) && secret is not null;
        }),
        Of("WebhookAdminService.SetEnabledAsync", [Persona.Admin], async (c, p) =>
        {
            var id = await EndpointAsync(c);
            return await Permitted(() => c.Get<WebhookAdminService>().SetEnabledAsync(c.Viewer(p), id, false, Ct));
        }),
        Of("WebhookAdminService.DeleteAsync", [Persona.Admin], async (c, p) =>
        {
            var id = await EndpointAsync(c);
            return await Permitted(() => c.Get<WebhookAdminService>().DeleteAsync(c.Viewer(p), id, Ct));
        }),
        Of("WebhookAdminService.SendTestAsync", [Persona.Admin], async (c, p) =>
        {
            var id = await EndpointAsync(c);
            var sent = false;
            return await Permitted(async () => sent = await c.Get<WebhookAdminService>().SendTestAsync(c.Viewer(p), id, Ct)) && sent;
        }),
        Of("WebhookAdminService.DeliveriesAsync", [Persona.Admin], async (c, p) =>
        {
            var id = await EndpointAsync(c);
            return await Permitted(() => c.Get<WebhookAdminService>().DeliveriesAsync(c.Viewer(p), id, Ct));
        }),
        Of("WebhookAdminService.RedeliverAsync", [Persona.Admin], async (c, p) =>
        {
            var id = await EndpointAsync(c);
            await using var db = await c.DbAsync();
            var delivery = new WebhookDelivery
            {
                EndpointId = id, EventType = WebhookEvents.IdeaCreated, DedupKey = "matrix:" + Guid.NewGuid().ToString("N"),
                MessageId = "msg_" + Guid.NewGuid().ToString("N"), Payload = "{}", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
                DeliveredAt = DateTime.UtcNow,
            };
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync(Ct);
            var again = false;
            return await Permitted(async () => again = await c.Get<WebhookAdminService>().RedeliverAsync(c.Viewer(p), delivery.Id, Ct)) && again;
        }),
    ];

    /// <summary>
    /// A switched-off endpoint of its own, written as the admin page stores one: the portal's sender leaves it alone, and
    /// no address is resolved (the matrix is about who may ask, not where events go).
    /// </summary>
    private static async Task<int> EndpointAsync(Cast c)
    {
        await using var db = await c.DbAsync();
        var endpoint = new WebhookEndpoint
        {
            Url = "https://hooks.example.com/matrix", Events = WebhookEvents.IdeaCreated,
            ProtectedSecret = c.Get<WebhookSecrets>().Protect(WebhookSecrets.New()),
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, DisabledAt = DateTime.UtcNow, DisabledReason = "Matrix",
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(Ct);
        return endpoint.Id;
    }
}
