using System.Net;
using System.Text;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// Whatever a stranger sends, the portal answers without a server error, and in Production no answer carries a stack
/// trace or an exception's text. Every page and endpoint is walked with odd paths, ids, query strings, headers, cookies
/// and form posts, as a visitor and as a signed-in admin (who reaches every page). Bytes the test server cannot even send
/// (a NUL in the path, raw non-ASCII) go to real Kestrel in <see cref="RawRequestTests"/>; the hub's odd messages are in
/// Live/LiveHubOddInputTests. The account pages and /culture/set have their own tests.
/// </summary>
public sealed class OddInputTests(ProductionPortal portal) : IClassFixture<ProductionPortal>
{
    private static readonly string Long = new('x', 6_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Addresses =>
    [
        "/", "/ideas", "/roadmap", "/changelog", "/complaints", "/complaints/new", "/ideas/new", "/notifications",
        "/account/notifications", "/admin/users", "/staff", "/Error", "/not-found", "/health",
        "/posts/abc", "/posts/99999999999", "/posts/-1", "/posts/0", "/posts/2147483647", "/posts/1.5", "/posts/%E2%82%AC",
        "/posts/1?solves=maybe", "/posts/1?solves=" + Long,
        "/notifications/open/x", "/notifications/open/-1", "/notifications/open/0", "/notifications/open/99999999999999999999",
        "/ideas?sort=%00&status=%FF&category=../../etc&mine=maybe&voted=-1&q=", "/ideas?q=" + Long,
        "/ideas?q=%F0%9D%94%98%E2%80%AE%C0%AF&q=second&sort=top&sort=new", "/ideas?q=%&status=%ZZ", "/?q=%22%3E%3Cscript%3E",
        "/ideas/new?title=" + Long, "/ideas/new?title=%00%01%02",
        "/staff?filter=%3Cscript%3E&tenure=-5&sort=%FF", "/staff?tenure=99999999999999999999",
        "/export/board.csv?sort=%00&status=%FF&category=../../etc&mine=maybe&voted=-1&q=", "/export/board.csv?q=" + Long,
        "/export/board.csv?q=%F0%9D%94%98%E2%80%AE%C0%AF&q=second&sort=top&sort=new", "/export/board.csv?q=%&status=%ZZ",
        "/export/desk.csv?filter=%3Cscript%3E&tenure=-5&sort=%FF", "/export/desk.csv?tenure=99999999999999999999&filter=a&filter=b",
        "/unsubscribe", "/unsubscribe?token=", "/unsubscribe?token=garbage", "/unsubscribe?token=CfDJ8" + Long,
        "/unsubscribe?token=%FF%FE%00", "/unsubscribe?token=a&token=b",
        "/%FF", "/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd", "/%2e%2e/%2e%2e/appsettings.json", "/_content/MudBlazor/..%2F..%2Fappsettings.json",
        "/no/such/page", "/posts", "/posts/", "/%E2%82%AC%F0%9F%98%80", "/health?verbose=%FF",
        "/hubs/live", "/hubs/live/negotiate", "/hubs/live?id=garbage", "/_blazor", "/_blazor?id=garbage", "/_blazor/negotiate",
        "/_framework/blazor.web.js?x=%FF", "/app.css?v=%00",
    ];

    public static TheoryData<string, string> Headers => new()
    {
        { "Accept-Language", "*;q=abc, ,,, xx-ÄÖ;q=2, de-DE;q=-1, en;q=1.5" },
        { "Accept-Language", string.Join(",", Enumerable.Range(0, 500).Select(i => $"x{i}-YY;q=0.{i % 10}")) },
        { "Accept-Language", "de-AT-x-private-Ω" },
        { "Cookie", ".AspNetCore.Culture=c=xx-INVALID|uic=%%%" },
        { "Cookie", ".AspNetCore.Culture=%FF%FE" },
        { "Cookie", ".AspNetCore.Culture=c=|uic=" },
        { "Cookie", ".AspNetCore.Culture=" + Long },
        { "Cookie", "cc-theme=%3Cscript%3E; .AspNetCore.Identity.Application=garbage; .AspNetCore.Antiforgery.x=%00" },
        { "Accept", "application/json;q=abc, */*" },
        { "Accept-Encoding", "br;q=abc, gzip;q=-1, unknown" },
        { "X-Forwarded-Proto", "gopher" },
        { "X-Forwarded-For", "not-an-ip, 300.1.1.1" },
    };

    public static TheoryData<string, string, string> Posts => new()
    {
        { "/", "application/x-www-form-urlencoded", "a=b" },
        { "/ideas/new", "application/x-www-form-urlencoded", "_handler=propose&Input.Title=x" },
        { "/complaints/new", "application/x-www-form-urlencoded", "_handler=%FF&Input.Title=" + Long },
        { "/posts/1", "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--broken" },
        { "/posts/abc", "application/json", "{\"not\": \"a form\"" },
        { "/unsubscribe?token=garbage", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click" },
        { "/unsubscribe", "application/x-www-form-urlencoded; charset=no-such-charset", "%FF=%FE" },
        { "/health", "text/plain", "hello" },
        { "/hubs/live/negotiate?negotiateVersion=abc", "text/plain", "" },
        { "/hubs/live/negotiate?negotiateVersion=99999999999999999999", "text/plain", "" },
        { "/hubs/live?id=garbage", "text/plain", "{}\u001e" },
        { "/not-found", "application/x-www-form-urlencoded", "__RequestVerificationToken=garbage&_handler=x" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task An_odd_address_is_answered_without_a_server_error_or_a_stack_trace(string address)
    {
        using var visitor = Client();
        using var admin = await AdminAsync();

        foreach (var client in new[] { visitor, admin })
        {
            using var response = await client.GetAsync(new Uri(address, UriKind.Relative), Ct);
            await ResponseChecks.AssertHandledAsync(response, $"GET {address}");
        }
    }

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task An_odd_header_or_cookie_is_answered_without_a_server_error_or_a_stack_trace(string name, string value)
    {
        using var client = Client();
        foreach (var address in new[] { "/", "/ideas", "/posts/1", "/unsubscribe?token=x", "/health", "/app.css" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, UriKind.Relative));
            Assert.True(request.Headers.TryAddWithoutValidation(name, value));
            using var response = await client.SendAsync(request, Ct);
            await ResponseChecks.AssertHandledAsync(response, $"GET {address} with {name}: {value[..Math.Min(40, value.Length)]}");
        }
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task An_odd_post_without_antiforgery_is_answered_without_a_server_error_or_a_stack_trace(string address, string contentType, string body)
    {
        using var client = Client();
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            using var request = new HttpRequestMessage(method, new Uri(address, UriKind.Relative))
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
            };
            Assert.True(request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType));
            using var response = await client.SendAsync(request, Ct);
            await ResponseChecks.AssertHandledAsync(response, $"{method} {address}");
        }
    }

    [Fact]
    public async Task Odd_input_about_real_posts_and_notifications_is_answered_without_a_server_error()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var idea = await portal.ProposeIdeaAsync(customer, ct: Ct);
        var complaint = await portal.FileComplaintAsync(customer, ct: Ct);
        using var visitor = Client();
        using var admin = await AdminAsync();

        foreach (var address in new[]
        {
            $"/posts/{idea}?solves=yes", $"/posts/{idea}?solves=no&solves=yes", $"/posts/{idea}?solves=%FF", $"/posts/{complaint}",
            $"/posts/{complaint}?solves=yes", $"/posts/{idea}/", $"/posts/{idea}?q=" + Long, $"/notifications/open/{long.MaxValue}",
            $"/posts/0{idea}", $"/posts/+{idea}",
        })
        {
            foreach (var client in new[] { visitor, admin })
            {
                using var response = await client.GetAsync(new Uri(address, UriKind.Relative), Ct);
                await ResponseChecks.AssertHandledAsync(response, $"GET {address}");
            }
        }
    }

    private HttpClient Client() =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var browser = new Accounts.PortalBrowser(portal);
        var signedIn = await browser.SignInAsync(admin.Email, admin.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", browser.Cookies.GetCookieHeader(portal.Server.BaseAddress));
        browser.Dispose();
        return client;
    }
}
