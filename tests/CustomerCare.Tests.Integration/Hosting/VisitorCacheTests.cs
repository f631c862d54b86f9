using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// Visitors' pages come from the output cache: a second visitor gets the first one's page, compressed as it was kept, one
/// copy per language, theme and encoding; a signed-in person never gets a kept page and never fills the cache.
/// </summary>
public abstract class VisitorCacheTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/ideas?sort=new")]
    [InlineData("/roadmap")]
    [InlineData("/changelog")]
    [InlineData("/team")]
    public async Task A_visitors_second_request_is_served_from_the_cache(string path)
    {
        using var visitor = new VisitorBrowser(portal);

        var first = await visitor.GetAsync(path);
        var second = await visitor.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.True(second.FromCache);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task A_post_and_a_profile_are_kept_for_the_next_visitor()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var idea = await portal.ProposeIdeaAsync(customer, ct: Ct);
        using var visitor = new VisitorBrowser(portal);

        foreach (var path in new[] { $"/posts/{idea}", $"/people/{customer.Id}", $"/team/{staff.Id}" })
        {
            Assert.Contains(path.StartsWith("/team", StringComparison.Ordinal) ? staff.DisplayName : customer.DisplayName, await visitor.CachedAsync(path));
        }
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    public async Task The_cache_keeps_the_compressed_bytes_one_copy_per_encoding(string accepts, string expected)
    {
        var idea = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        using var visitor = new VisitorBrowser(portal);
        var path = $"/posts/{idea}";

        var first = await visitor.GetAsync(path, encoding: accepts);
        var second = await visitor.GetAsync(path, encoding: accepts);
        var plain = await visitor.GetAsync(path);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(expected, second.Encoding);
        Assert.Null(plain.Encoding);
        Assert.False(plain.FromCache); // identity has a copy of its own, not a compressed one
    }

    [Fact]
    public async Task Each_language_and_theme_has_its_own_copy()
    {
        var idea = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        using var visitor = new VisitorBrowser(portal);
        var path = $"/posts/{idea}";
        await visitor.CachedAsync(path);

        var german = await visitor.GetAsync(path, language: "de");
        var dark = await visitor.GetAsync(path, theme: "dark");
        var germanAgain = await visitor.GetAsync(path, language: "de");
        var darkAgain = await visitor.GetAsync(path, theme: "dark");

        Assert.False(german.FromCache);
        Assert.Contains("<html lang=\"de\"", german.Text, StringComparison.Ordinal);
        Assert.False(dark.FromCache);
        Assert.Contains("cc-dark", dark.Text, StringComparison.Ordinal);
        Assert.True(germanAgain.FromCache);
        Assert.Contains("<html lang=\"de\"", germanAgain.Text, StringComparison.Ordinal);
        Assert.True(darkAgain.FromCache);
        Assert.Contains("cc-dark", darkAgain.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_theme_chosen_the_page_follows_the_system_and_is_kept_apart_from_a_chosen_light()
    {
        var idea = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        using var visitor = new VisitorBrowser(portal);
        var path = $"/posts/{idea}";
        const string followsSystem = "@media (prefers-color-scheme: dark){";

        var system = await visitor.GetAsync(path);
        var light = await visitor.GetAsync(path, theme: "light");
        var systemAgain = await visitor.GetAsync(path);
        var odd = await visitor.GetAsync(path, theme: "purple");

        Assert.Contains(followsSystem, system.Text, StringComparison.Ordinal);
        Assert.False(light.FromCache);
        Assert.DoesNotContain(followsSystem, light.Text, StringComparison.Ordinal);
        Assert.True(systemAgain.FromCache);
        Assert.Contains(followsSystem, systemAgain.Text, StringComparison.Ordinal);
        // A cookie the portal did not write is no choice: the copy that follows the system.
        Assert.True(odd.FromCache);
        Assert.Contains(followsSystem, odd.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_person_never_gets_a_visitors_page()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var idea = await portal.ProposeIdeaAsync(customer, ct: Ct);
        using var visitor = new VisitorBrowser(portal);
        await visitor.CachedAsync($"/posts/{idea}");
        using var browser = new PortalBrowser(portal);
        await browser.SignInAsync(customer.Email, customer.Password);

        using var response = await browser.GetAsync($"/posts/{idea}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
        Assert.Contains("data-testid=\"user-name\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_person_does_not_fill_the_cache()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var idea = await portal.ProposeIdeaAsync(customer, ct: Ct);
        using var browser = new PortalBrowser(portal);
        await browser.SignInAsync(customer.Email, customer.Password);
        for (var i = 0; i < 2; i++)
        {
            using var signedIn = await browser.GetAsync($"/posts/{idea}");
            Assert.Null(signedIn.Headers.Age);
        }

        using var visitor = new VisitorBrowser(portal);
        var page = await visitor.GetAsync($"/posts/{idea}");

        Assert.False(page.FromCache);
        Assert.DoesNotContain("data-testid=\"user-name\"", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_that_are_not_visitors_pages_are_never_kept()
    {
        using var visitor = new VisitorBrowser(portal);

        foreach (var path in new[] { "/Account/Login", "/privacy", "/no/such/page", "/posts/not-a-number" })
        {
            await visitor.GetAsync(path);
            Assert.False((await visitor.GetAsync(path)).FromCache, path);
        }
    }

    [Fact]
    public async Task A_visitor_with_an_antiforgery_cookie_reads_kept_pages_but_never_fills_the_cache()
    {
        var idea = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var cookie = portal.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        using var visitor = new VisitorBrowser(portal);
        var withCookie = $"{cookie}=CfDJ8-a-token-made-for-this-browser";

        await visitor.GetAsync($"/posts/{idea}", cookie: withCookie);
        var notFilled = await visitor.GetAsync($"/posts/{idea}");
        var kept = await visitor.GetAsync($"/posts/{idea}", cookie: withCookie);

        Assert.False(notFilled.FromCache);
        Assert.True(kept.FromCache);
    }

    [Fact]
    public async Task A_kept_page_sets_no_cookie_and_carries_no_one_answers_nonce()
    {
        var idea = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        using var visitor = new VisitorBrowser(portal);

        var made = await visitor.GetAsync($"/posts/{idea}");
        var kept = await visitor.GetAsync($"/posts/{idea}");

        Assert.True(kept.FromCache);
        Assert.Empty(made.SetCookies);
        Assert.Empty(kept.SetCookies);
        Assert.DoesNotContain("nonce=", kept.Text, StringComparison.Ordinal);
    }
}

public sealed class SqliteVisitorCacheTests(PortalFactory portal) : VisitorCacheTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresVisitorCacheTests(PostgresPortalFactory portal) : VisitorCacheTests(portal), IClassFixture<PostgresPortalFactory>;
