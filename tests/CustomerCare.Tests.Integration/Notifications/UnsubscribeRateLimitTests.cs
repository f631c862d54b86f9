using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Notifications.Mail;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Notifications;

/// <summary>
/// Unsubscribing by mail link (RFC 8058 one-click POSTs come without a page or antiforgery token) takes so many posts per
/// client address and per link, then 429 with Retry-After. Showing what a link would stop stays free.
/// </summary>
public sealed class UnsubscribeRateLimitTests
{
    private static readonly RequestLimit Limit = new RateLimitOptions().Unsubscribe;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_link_posted_beyond_its_limit_is_refused_with_Retry_After_and_changes_nothing_more()
    {
        await using var portal = new EmptyPortalFactory().With("RateLimits:Unsubscribe:Window", "1.00:00:00");
        var person = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var link = "/unsubscribe?token=" + Uri.EscapeDataString(
            portal.Services.GetRequiredService<UnsubscribeTokens>().Create(UnsubscribeScope.For(person.Id, NotificationKind.Reply)));
        using var client = portal.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < Limit.PerAccount; i++)
        {
            using var applied = await client.PostAsync(new Uri(link, UriKind.Relative), null, Ct);
            answers.Add(applied.StatusCode);
        }

        using var refused = await client.PostAsync(new Uri(link, UriKind.Relative), null, Ct);
        using var shown = await client.GetAsync(new Uri(link, UriKind.Relative), Ct);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Fact]
    public async Task Links_posted_from_one_address_beyond_its_limit_are_refused()
    {
        await using var portal = new EmptyPortalFactory().With("RateLimits:Unsubscribe:Window", "1.00:00:00");
        using var client = portal.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < Limit.PerAddress; i++)
        {
            using var guessed = await client.PostAsync(new Uri($"/unsubscribe?token=guess-{i}", UriKind.Relative), null, Ct);
            answers.Add(guessed.StatusCode);
        }

        using var refused = await client.PostAsync(new Uri("/unsubscribe?token=one-more", UriKind.Relative), null, Ct);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.BadRequest, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }
}
