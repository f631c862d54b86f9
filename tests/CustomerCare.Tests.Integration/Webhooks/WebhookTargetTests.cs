using System.Net;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Webhooks;

/// <summary>The SSRF guard of a portal with the default settings: no internal targets.</summary>
public sealed class WebhookTargetTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", WebhookInputProblem.UrlInternal)]
    [InlineData("http://localhost/hook", WebhookInputProblem.UrlInternal)]
    [InlineData("http://[::1]/hook", WebhookInputProblem.UrlInternal)]
    [InlineData("http://10.1.2.3/hook", WebhookInputProblem.UrlInternal)]
    [InlineData("http://192.168.0.10/hook", WebhookInputProblem.UrlInternal)]
    [InlineData("http://169.254.169.254/latest/meta-data", WebhookInputProblem.UrlInternal)]
    [InlineData("http://[fd00::1]/hook", WebhookInputProblem.UrlInternal)]
    [InlineData("ftp://example.com/hook", WebhookInputProblem.UrlInvalid)]
    [InlineData("not a url", WebhookInputProblem.UrlInvalid)]
    [InlineData("https://user:pass@example.com/hook", WebhookInputProblem.UrlHasCredentials)]
    [InlineData("", WebhookInputProblem.UrlMissing)]
    public async Task An_internal_or_invalid_target_is_refused_when_saved(string url, WebhookInputProblem expected)
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var input = new WebhookInput { Url = url };
        input.Events.Add(WebhookEvents.IdeaCreated);

        var saved = await portal.Services.GetRequiredService<WebhookAdminService>().SaveAsync(admin.Viewer, null, input, Ct);

        Assert.Equal(expected, saved.Problem);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        Assert.False(await db.WebhookEndpoints.AnyAsync(e => e.Url == url, Ct));
    }

    [Fact]
    public async Task A_loopback_target_stored_anyway_is_refused_when_sent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        int endpointId;
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct))
        {
            // As if it was saved while the setting allowed it, or its name pointed elsewhere then (DNS rebinding).
            var endpoint = new WebhookEndpoint
            {
                Url = receiver.Url, Events = WebhookEvents.IdeaCreated, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                ProtectedSecret = portal.Services.GetRequiredService<WebhookSecrets>().Protect(WebhookSecrets.New()),
            };
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync(Ct);
            endpointId = endpoint.Id;
        }

        await portal.Services.GetRequiredService<WebhookAdminService>().SendTestAsync(admin.Viewer, endpointId, Ct);

        var delivery = (await portal.WaitForDeliveriesAsync(endpointId, d => d.Any(x => x.Attempts > 0))).Single();
        Assert.Null(delivery.DeliveredAt);
        Assert.Null(delivery.LastStatusCode);
        Assert.Contains("refused", delivery.LastResponse, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_cannot_list_or_add_endpoints()
    {
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var admins = portal.Services.GetRequiredService<WebhookAdminService>();
        var input = new WebhookInput { Url = "https://example.com/hook" };
        input.Events.Add(WebhookEvents.IdeaCreated);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admins.ListAsync(staff.Viewer, Ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admins.SaveAsync(staff.Viewer, null, input, Ct));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2001:4860:4860::8888", true)]
    [InlineData("172.16.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    public void Only_public_addresses_count_as_public(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargets.IsPublic(IPAddress.Parse(address)));
}
