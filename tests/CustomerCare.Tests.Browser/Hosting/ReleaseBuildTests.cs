using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using CustomerCare.Data.Seeding;
using CustomerCare.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Hosting;

/// <summary>
/// What makes the portal fit for the open internet holds on the build an operator ships — Release, published, in
/// Production, with the demo company — not only on the Debug build the other tests start: headers and compression on
/// pages, static files and endpoints; floods answered 429; odd input without a 500 or a stack trace; the health
/// endpoint saying only its status; the hub refusing foreign origins; and in Chromium, under the policy, a staff
/// member's name refused to a customer, a full 10,000-character reply in CJK, a cookie dead after sign-out and the
/// security log naming a failed sign-in. Each is proven in depth by its own test on the Debug build.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class ReleaseBuildTests(BrowserFixture browser, ReleasePortal release) : IClassFixture<ReleasePortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_static_files_and_endpoints_carry_the_security_headers_and_come_compressed()
    {
        using var client = RawClient();

        var page = await GetAsync(client, "/");
        var html = await BodyAsync(page);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("br", Assert.Single(page.Content.Headers.ContentEncoding));
        var policy = Header(page, "Content-Security-Policy");
        Assert.Matches(NonceRegex(), policy);
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("Clara Schmidt", html, StringComparison.Ordinal);
        AssertCommonHeaders(page, "/");

        var assets = AssetRegex().Matches(html).Select(m => m.Groups["url"].Value).Distinct().ToList();
        Assert.Contains(assets, a => a.Contains("MudBlazor", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var answer = await GetAsync(client, "/" + asset.TrimStart('/'));
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{asset}: {answer.StatusCode}");
            Assert.True(answer.Content.Headers.ContentEncoding.Count == 1, $"{asset} came uncompressed");
            AssertCommonHeaders(answer, asset);
        }

        using var health = await GetAsync(client, "/health");
        Assert.Equal("{\"status\":\"Healthy\"}", await BodyAsync(health));
        AssertCommonHeaders(health, "/health");
    }

    [Fact]
    public async Task Odd_input_gets_no_server_error_and_no_stack_trace()
    {
        using var client = RawClient();
        string[] addresses =
        [
            "/culture/set?culture=de&redirectUri=/%C3%BC", "/Account/Login?ReturnUrl=/%C3%BC", "/Account/Lockout?until=abc",
            "/posts/abc", "/posts/99999999999", "/ideas?q=%F0%9D%94%98%E2%80%AE%C0%AF&sort=%00", "/unsubscribe?token=garbage",
            "/%FF", "/_content/MudBlazor/..%2F..%2Fappsettings.json", "/hubs/live/negotiate", "/_blazor?id=garbage",
        ];

        foreach (var address in addresses)
        {
            using var answer = await GetAsync(client, address);
            var text = await BodyAsync(answer);
            Assert.True((int)answer.StatusCode < 500, $"{address}: {answer.StatusCode}");
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" at CustomerCare.", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_flood_of_a_form_is_answered_429_with_Retry_After_and_the_hub_refuses_a_foreign_origin()
    {
        using var client = RawClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= 20; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = $"flood{i}@example.com" });
            using var answer = await client.PostAsync(new Uri(release.Root, "/Account/ForgotPassword"), form, Ct);
            statuses.Add(answer.StatusCode);
            if (i == 20)
            {
                Assert.NotNull(answer.Headers.RetryAfter);
            }
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(20));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(client, "https://evil.example"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(client, ReleasePortal.PublicUrl));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(client, release.Root.GetLeftPart(UriPartial.Authority)));
    }

    [Fact]
    public async Task Customers_and_admins_use_the_demo_company_under_the_policy()
    {
        var (visitor, watch) = await OpenWatchedPageAsync();
        await visitor.GotoAsync("/");
        await visitor.WaitForCircuitAsync();
        await watch.AssertCleanAsync(visitor, "/");

        // The demo company's staff member is Anna Berger: a customer cannot register under her name.
        await visitor.GotoAsync("/Account/Register");
        await visitor.Locator("input[name='Input.DisplayName']").FillAsync("anna berger");
        await visitor.Locator("input[name='Input.Email']").FillAsync($"impostor-{Guid.NewGuid():N}@example.com");
        await visitor.Locator("input[name='Input.Password']").FillAsync("Impostor!2345");
        await visitor.Locator("input[name='Input.ConfirmPassword']").FillAsync("Impostor!2345");
        await visitor.GetByTestId("register-submit").ClickAsync();
        await Expect(visitor.GetByText("This is the name of someone on our team.", new() { Exact = false })).ToBeVisibleAsync();
        await watch.AssertCleanAsync(visitor, "registration");

        // A wrong password for the admin, which the security log will show.
        await visitor.GotoAsync("/Account/Login");
        await visitor.Locator("input[name='Input.Email']").FillAsync(DemoAccounts.Admin.Email);
        await visitor.Locator("input[name='Input.Password']").FillAsync("Wrong!2345");
        await visitor.Locator("form button[type=submit]").First.ClickAsync();
        await Expect(visitor.GetByTestId("login-error")).ToBeVisibleAsync();

        // Clara writes a full reply in CJK on one of the demo ideas.
        var (clara, claraWatch) = await OpenWatchedPageAsync();
        await clara.SignInAsync(DemoAccounts.Customer);
        await clara.GotoAsync("/ideas");
        await clara.WaitForCircuitAsync();
        await clara.Locator("a[href*='posts/']").First.ClickAsync();
        await Expect(clara).ToHaveURLAsync(new Regex("/posts/\\d+$"));
        await clara.WaitForCircuitAsync();
        var mark = Guid.NewGuid().ToString("N");
        var text = (mark + string.Concat(Enumerable.Repeat("中文字", 3_334)))[..10_000];
        var composer = clara.Locator("[data-testid=composer] textarea:visible");
        await composer.FillAsync(text);
        await Expect(clara.GetByTestId("composer")).ToContainTextAsync("10000 / 10000");
        await clara.GetByTestId("composer-submit").ClickAsync();
        await Expect(composer).ToHaveValueAsync("");
        await Expect(clara.Locator("[data-testid=reply]", new() { HasText = mark })).ToContainTextAsync(text[^100..]);
        await claraWatch.AssertCleanAsync(clara, "a full reply");

        // Her cookie from before signing out opens nothing afterwards.
        var cookies = await clara.Context.CookiesAsync();
        await clara.GetByTestId("sign-out").ClickAsync();
        await Expect(clara.GetByTestId("sign-in")).ToBeVisibleAsync();
        var (replayed, _) = await OpenWatchedPageAsync();
        await replayed.Context.AddCookiesAsync(cookies.Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        await replayed.GotoAsync("/notifications");
        await Expect(replayed).ToHaveURLAsync(new Regex("/Account/Login"));

        // The admin reads the failed sign-in in the security log, and opens the moderation queue.
        var (admin, adminWatch) = await OpenWatchedPageAsync();
        await admin.SignInAsync(DemoAccounts.Admin);
        await admin.GotoAsync("/admin/security");
        await admin.WaitForCircuitAsync();
        await Expect(admin.GetByTestId("security-events").Locator("tr", new() { HasText = "Sign-in failed" }).First).ToBeVisibleAsync();
        await adminWatch.AssertCleanAsync(admin, "/admin/security");
        await admin.GotoAsync("/moderation");
        await admin.WaitForCircuitAsync();
        await Expect(admin.GetByTestId("queue-reported-heading")).ToBeVisibleAsync();
        await adminWatch.AssertCleanAsync(admin, "/moderation");

        Assert.Empty(release.Process.CriticalEntries);
    }

    private static void AssertCommonHeaders(HttpResponseMessage answer, string what)
    {
        Assert.True(Header(answer, "X-Content-Type-Options") == "nosniff", $"{what}: nosniff");
        Assert.True(Header(answer, "Referrer-Policy").Length > 0, $"{what}: Referrer-Policy");
        Assert.True(Header(answer, "Permissions-Policy").Length > 0, $"{what}: Permissions-Policy");
    }

    private static string Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) || answer.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    // Compression is what the test looks at, so the client takes bytes as they come and unpacks them itself.
    private HttpClient RawClient()
    {
        var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = release.Root,
        };
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,*/*");
        return client;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string address) =>
        await client.GetAsync(new Uri(address, UriKind.Relative), Ct);

    private static async Task<string> BodyAsync(HttpResponseMessage answer)
    {
        var bytes = await answer.Content.ReadAsStreamAsync(Ct);
        Stream body = answer.Content.Headers.ContentEncoding.FirstOrDefault() switch
        {
            "br" => new BrotliStream(bytes, CompressionMode.Decompress),
            "gzip" => new GZipStream(bytes, CompressionMode.Decompress),
            _ => bytes,
        };
        using var reader = new StreamReader(body);
        return await reader.ReadToEndAsync(Ct);
    }

    private static async Task<HttpStatusCode> NegotiateAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        using var answer = await client.SendAsync(request, Ct);
        return answer.StatusCode;
    }

    private Task<(IPage Page, CspWatch Watch)> OpenWatchedPageAsync() => CspWatch.OpenPageAsync(browser, release.Root);

    [GeneratedRegex("script-src 'self' 'nonce-[A-Za-z0-9_-]+'")]
    private static partial Regex NonceRegex();

    [GeneratedRegex("""<(?:link[^>]+href|script[^>]+src)="(?<url>[^"]+\.(?:css|js))"[^>]*>""")]
    private static partial Regex AssetRegex();
}
