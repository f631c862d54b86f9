using System.Net;
using System.Net.Http.Headers;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Api;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Api;

/// <summary>The API's rate limit (RateLimits:Api) counts per token: one script at its limit stops no other.</summary>
public sealed class ApiRateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_at_its_limit_gets_429_problem_json_while_another_token_still_works()
    {
        // Two requests a day per token: the bucket cannot refill while the test runs.
        await using var portal = new EmptyPortalFactory().With("RateLimits:Api:PerAccount", "2").With("RateLimits:Api:Window", "1.00:00:00");
        var person = await portal.AddPersonAsync(Roles.Customer, "Rita Rate", ct: Ct);
        var tokens = portal.Services.GetRequiredService<AccessTokenService>();
        using var busy = Client(portal, (await tokens.CreateAsync("busy", TokenScope.Read, DateTime.UtcNow.AddDays(1), person.Viewer, Ct)).Secret!);
        using var quiet = Client(portal, (await tokens.CreateAsync("quiet", TokenScope.Read, DateTime.UtcNow.AddDays(1), person.Viewer, Ct)).Secret!);

        for (var i = 0; i < 2; i++)
        {
            using var allowed = await busy.GetAsync("/api/v1/categories", Ct);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await busy.GetAsync("/api/v1/categories", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        using var other = await quiet.GetAsync("/api/v1/categories", Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private static HttpClient Client(PortalFactory portal, string secret)
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
