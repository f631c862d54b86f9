using System.Net;
using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// Every answer of the portal in Production carries the security headers: pages, endpoints, static files, the hub's
/// negotiation, 404s and the error page after an exception. The policy runs only the portal's own scripts.
/// </summary>
public sealed partial class SecurityHeadersTests(ProductionPortal portal) : IClassFixture<ProductionPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Answers => new()
    {
        { "GET", "/" },
        { "GET", "/ideas" },
        { "GET", "/roadmap" },
        { "GET", "/Account/Login" },
        { "GET", "/health" },
        { "GET", "/unsubscribe?token=garbage" },
        { "GET", "/culture/set?culture=de&redirectUri=/" },
        { "GET", "/app.css" },
        { "GET", "/_framework/blazor.web.js" },
        { "GET", "/_content/MudBlazor/MudBlazor.min.css" },
        { "GET", "/favicon.svg" },
        { "POST", "/hubs/live/negotiate?negotiateVersion=1" },
        { "POST", "/_blazor/negotiate?negotiateVersion=1" },
        { "GET", "/no/such/page" },
        { "GET", "/posts/99999" },
        { "GET", ProductionPortal.ThrowingPath },
        { "POST", "/ideas/new" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_the_security_headers(string method, string address)
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(address, UriKind.Relative));

        using var response = await client.SendAsync(request, Ct);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        AssertStrictPolicy(policy);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("SAMEORIGIN", Single(response, "X-Frame-Options"));
        var permissions = Single(response, "Permissions-Policy");
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()" })
        {
            Assert.Contains(feature, permissions, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_visitors_page_has_no_inline_script_at_all()
    {
        using var client = portal.CreateClient();

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(ScriptTagRegex().Matches(html).Select(m => m.Value), tag => !tag.Contains(" src=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_only_inline_script_of_a_signed_in_page_is_the_import_map_with_this_answers_nonce()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new Accounts.PortalBrowser(portal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(customer.Email, customer.Password)).Status);
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", browser.Cookies.GetCookieHeader(portal.Server.BaseAddress));

        using var first = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        using var second = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        var nonce = NonceOf(first);
        Assert.NotEqual(nonce, NonceOf(second));
        var html = await first.Content.ReadAsStringAsync(Ct);
        var inline = ScriptTagRegex().Matches(html).Select(m => m.Value).Where(tag => !tag.Contains(" src=", StringComparison.Ordinal)).ToList();
        var importMap = Assert.Single(inline);
        Assert.Contains("type=\"importmap\"", importMap, StringComparison.Ordinal);
        Assert.Contains($"nonce=\"{nonce}\"", importMap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_error_page_after_an_exception_carries_the_headers_and_not_the_exception()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri(ProductionPortal.ThrowingPath, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertStrictPolicy(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(ProductionPortal.SecretDetail, body, StringComparison.Ordinal);
        ResponseChecks.AssertNoExceptionText(body, "The error page");
    }

    [Fact]
    public async Task Signed_in_pages_carry_the_headers_too()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        using var browser = new Accounts.PortalBrowser(portal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(admin.Email, admin.Password)).Status);

        foreach (var address in new[] { "/admin/users", "/staff", "/notifications", "/account/notifications", "/complaints/new" })
        {
            using var response = await browser.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertStrictPolicy(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        }
    }

    [Fact]
    public async Task Behind_a_proxy_that_ended_TLS_the_portal_sends_HSTS_for_a_year_and_allows_its_secure_socket()
    {
        await using var tls = new ProductionPortal();
        var root = tls.StartRealServer();
        using var client = new HttpClient { BaseAddress = root };
        using var viaTls = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        viaTls.Headers.Host = "feedback.example.com";
        viaTls.Headers.Add("X-Forwarded-Proto", "https");
        using var plain = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        plain.Headers.Host = "feedback.example.com";

        using var secure = await client.SendAsync(viaTls, Ct);
        using var insecure = await client.SendAsync(plain, Ct);

        Assert.Equal("max-age=31536000", Single(secure, "Strict-Transport-Security"));
        Assert.Contains("connect-src 'self' wss://feedback.example.com;", Single(secure, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.False(insecure.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("connect-src 'self' ws://feedback.example.com;", Single(insecure, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Framing_follows_the_setting()
    {
        await using var framed = new ProductionPortal();
        framed.With("Security:FrameAncestors", "'self' https://intranet.example.com");
        using var client = framed.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.EndsWith("frame-ancestors 'self' https://intranet.example.com", Single(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
    }

    [Theory]
    [InlineData("'self'; script-src *")]
    [InlineData("'unsafe-inline'")]
    [InlineData("")]
    public async Task A_framing_setting_that_could_change_the_policy_stops_start_up(string value)
    {
        await using var misconfigured = new ProductionPortal();
        misconfigured.With("Security:FrameAncestors", value);

        var stopped = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        Assert.Contains("Security:FrameAncestors", stopped.ToString(), StringComparison.Ordinal);
    }

    private static void AssertStrictPolicy(string policy)
    {
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Matches(@"^script-src 'self' 'nonce-[A-Za-z0-9_-]{22}'$", directives["script-src"]);
        Assert.Equal("default-src 'self'", directives["default-src"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("base-uri 'self'", directives["base-uri"]);
        Assert.Equal("form-action 'self'", directives["form-action"]);
        Assert.Equal("frame-ancestors 'self'", directives["frame-ancestors"]);
        Assert.StartsWith("connect-src 'self'", directives["connect-src"], StringComparison.Ordinal);
        Assert.Equal("style-src 'self' 'unsafe-inline'", directives["style-src"]);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }

    private static string NonceOf(HttpResponseMessage response) =>
        NonceRegex().Match(Single(response, "Content-Security-Policy")).Groups[1].Value;

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : response.Content.Headers.TryGetValues(header, out var content) ? content : []);

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceRegex();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTagRegex();
}
