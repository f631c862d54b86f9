using System.Net;
using System.Text.Json;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// /health tells anyone (a balancer) only whether the portal is well; what it runs on and how its database stands is for
/// admins and for a monitor that brings the configured key.
/// </summary>
public sealed class HealthTests : IAsyncDisposable
{
    private const string Key = "monitoring-key-for-tests-0123456789";

    private readonly ProductionPortal portal = new();

    public HealthTests() => portal.With("Health:MonitoringKey", Key);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => portal.DisposeAsync();

    [Fact]
    public async Task A_stranger_learns_only_that_the_portal_is_healthy()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"Healthy\"}", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong")]
    [InlineData(Key + "x")]
    [InlineData("monitoring-key-for-tests-012345678")]
    public async Task A_wrong_or_missing_key_gets_the_status_only(string? key)
    {
        using var client = portal.CreateClient();

        var body = await HealthAsync(client, key);

        Assert.Equal("{\"status\":\"Healthy\"}", body);
    }

    [Fact]
    public async Task The_monitoring_key_opens_the_details()
    {
        using var client = portal.CreateClient();

        using var json = JsonDocument.Parse(await HealthAsync(client, Key));

        var database = json.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Sqlite", database.GetProperty("data").GetProperty("provider").GetString());
        Assert.Equal(0, database.GetProperty("data").GetProperty("pendingMigrations").GetInt32());
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Staff, false)]
    [InlineData(Roles.ProductOwner, false)]
    [InlineData(Roles.Customer, false)]
    public async Task Only_a_signed_in_admin_reads_the_details(string role, bool details)
    {
        var person = await portal.AddPersonAsync(role, ct: Ct);
        using var browser = new Accounts.PortalBrowser(portal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(person.Email, person.Password)).Status);

        using var response = await browser.GetAsync("/health");

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(details, body.Contains("\"provider\":\"Sqlite\"", StringComparison.Ordinal));
        Assert.Equal(details, body.Contains("pendingMigrations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_configured_key_no_header_opens_the_details()
    {
        await using var keyless = new ProductionPortal();
        keyless.With("Health:MonitoringKey", "");
        using var client = keyless.CreateClient();

        Assert.Equal("{\"status\":\"Healthy\"}", await HealthAsync(client, ""));
        Assert.Equal("{\"status\":\"Healthy\"}", await HealthAsync(client, "anything"));
    }

    [Fact]
    public async Task An_unhealthy_portal_answers_503_and_tells_a_stranger_nothing_more()
    {
        using var broken = portal.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddHealthChecks()
            .AddCheck("disk", () => HealthCheckResult.Unhealthy("Disk /var/lib/customercare is full", new IOException("No space left on device")))));
        using var client = broken.CreateClient();

        using var stranger = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);
        var monitor = await HealthAsync(client, Key);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stranger.StatusCode);
        Assert.Equal("{\"status\":\"Unhealthy\"}", await stranger.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Disk /var/lib/customercare is full", monitor, StringComparison.Ordinal);
        Assert.DoesNotContain("No space left", monitor, StringComparison.Ordinal);
    }

    private static async Task<string> HealthAsync(HttpClient client, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add(HealthEndpoint.KeyHeader, key);
        }

        using var response = await client.SendAsync(request, Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
