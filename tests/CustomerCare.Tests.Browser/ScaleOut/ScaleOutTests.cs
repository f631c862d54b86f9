using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.ScaleOut;

/// <summary>
/// Two portal servers behind nginx, sharing PostgreSQL and Redis (issue 4, item 5). Each browser is
/// pinned to one server, and each test checks from nginx's X-Served-By that it really was served there:
/// without that, both browsers could reach one server and every assertion would pass for the wrong reason.
/// In the browser collection: it shares the one Chromium and does not compete with the other page tests
/// for the two cores.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ScaleOutTests(BrowserFixture browser, ScaleOutFixture servers) : IClassFixture<ScaleOutFixture>
{
    private const string Composer = "[data-testid=composer] textarea:visible";

    [Fact]
    public async Task Sign_in_on_server_A_holds_on_server_B_and_a_form_rendered_on_B_posts_to_A()
    {
        await servers.StartAsync();
        var clara = await AddPersonAsync(Roles.Customer);
        await using var customer = await servers.NewContextAsync(browser, PortalServer.A);
        var page = await customer.NewPageAsync();

        await page.SignInAsync(clara);

        // The home page after signing in opens its circuit on this server; let it, before pinning elsewhere.
        await page.WaitForCircuitAsync();
        customer.AssertAllServedBy(PortalServer.A);

        // The sign-in cookie was protected with a key server A made; B finds that key in the shared database.
        await customer.PinAsync(PortalServer.B);
        await page.GotoAsync("/roadmap");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(clara.DisplayName);
        customer.AssertAllServedBy(PortalServer.B);

        // The sign-out form on this page carries B's antiforgery token; A must accept it (else 400).
        await customer.PinAsync(PortalServer.A);
        var signOut = await page.RunAndWaitForResponseAsync(
            () => page.GetByTestId("sign-out").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("Account/Logout", StringComparison.Ordinal));
        Assert.Equal(302, signOut.Status);
        Assert.Equal(servers.ServerA, signOut.Headers.GetValueOrDefault("x-served-by"));
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        customer.AssertAllServedBy(PortalServer.A, withCircuit: false);

        // Where the shared keys live: rows of the database both servers use, not files of either server.
        await using var db = servers.OpenDatabase();
        Assert.NotEmpty(await db.DataProtectionKeys.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Vote_cast_on_server_A_appears_without_a_reload_on_a_page_served_by_server_B()
    {
        await servers.StartAsync();
        var idea = await AnOpenIdeaAsync();
        var clara = await AddPersonAsync(Roles.Customer);
        var jonas = await AddPersonAsync(Roles.ProductOwner);
        await using var customer = await servers.NewContextAsync(browser, PortalServer.B, "de-DE");
        await using var owner = await servers.NewContextAsync(browser, PortalServer.A);

        var watcher = await customer.NewPageAsync();
        var sockets = new List<string>();
        watcher.WebSocket += (_, socket) => sockets.Add(socket.Url);
        await watcher.SignInAsync(clara);
        // The home page after signing in opens its circuit on this server; let it, before pinning elsewhere.
        await watcher.WaitForCircuitAsync();
        await watcher.GotoAsync($"/posts/{idea.Id}");
        await watcher.WaitForCircuitAsync();
        var watched = watcher.GetByTestId("vote-count");
        var before = "0";
        await Expect(watched).ToHaveTextAsync(before);
        var navigations = 0;
        watcher.FrameNavigated += (_, _) => navigations++;

        var voter = await owner.NewPageAsync();
        await voter.SignInAsync(jonas);
        // The home page after signing in opens its circuit on this server; let it, before pinning elsewhere.
        await voter.WaitForCircuitAsync();
        await voter.GotoAsync($"/posts/{idea.Id}");
        await voter.WaitForCircuitAsync();
        await voter.GetByTestId("vote-button").ClickAsync();
        await Expect(voter.GetByTestId("vote-count")).Not.ToHaveTextAsync(before);
        var after = await voter.GetByTestId("vote-count").InnerTextAsync();

        // From A's VoteService through Redis to B's bus and the circuit on B: no reload, about a second.
        await Expect(watched).ToHaveTextAsync(after);
        Assert.Equal(0, navigations);
        customer.AssertAllServedBy(PortalServer.B);
        owner.AssertAllServedBy(PortalServer.A);

        // The circuit came through nginx as a WebSocket, not SignalR's long-polling fallback.
        Assert.Contains(sockets, url => url.Contains("/_blazor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reply_posted_on_server_A_appears_without_a_reload_on_a_page_served_by_server_B()
    {
        await servers.StartAsync();
        var idea = await AnOpenIdeaAsync(); // its own, not the vote test's: the tests may run in any order
        var clara = await AddPersonAsync(Roles.Customer);
        var anna = await AddPersonAsync(Roles.Staff);
        await using var customer = await servers.NewContextAsync(browser, PortalServer.B);
        await using var staff = await servers.NewContextAsync(browser, PortalServer.A);
        var watcher = await OpenThreadAsync(customer, clara, idea.Id);
        var navigations = 0;
        watcher.FrameNavigated += (_, _) => navigations++;
        var writer = await OpenThreadAsync(staff, anna, idea.Id);
        var text = $"Answered from server A ({Guid.NewGuid():N}).";

        await writer.Locator(Composer).FillAsync(text);
        await writer.GetByTestId("composer-submit").ClickAsync();
        await Expect(writer.Locator("[data-testid=reply]", new() { HasText = text })).ToBeVisibleAsync();

        await Expect(watcher.Locator("[data-testid=reply]", new() { HasText = text })).ToHaveCountAsync(1);
        Assert.Equal(0, navigations);
        customer.AssertAllServedBy(PortalServer.B);
        staff.AssertAllServedBy(PortalServer.A);
    }

    [Fact]
    public async Task Balancer_pins_a_browser_by_query_or_cookie_and_gives_a_newcomer_one_server_to_keep()
    {
        await servers.StartAsync(withBrowser: false);
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = servers.Root };

        foreach (var (query, cookie, expected) in new[]
        {
            ("?server=a", null, servers.ServerA),
            ("?server=b", "cc_server=a", servers.ServerB),
            ("", "cc_server=b", servers.ServerB),
            ("", "cc_server=a", servers.ServerA),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "health" + query);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            using var answer = await http.SendAsync(request, ct);
            Assert.Equal(expected, ServedBy(answer));
            var name = expected == servers.ServerA ? "a" : "b";
            Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"cc_server={name};", StringComparison.Ordinal));
        }

        // A newcomer is given a server at random, and the cookie it gets names the server that answered.
        var seen = new HashSet<string>();
        for (var i = 0; i < 40 && seen.Count < 2; i++)
        {
            using var answer = await http.GetAsync("health", ct);
            var servedBy = ServedBy(answer);
            seen.Add(servedBy);
            var name = servedBy == servers.ServerA ? "a" : "b";
            Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"cc_server={name};", StringComparison.Ordinal));
        }

        Assert.Equal(2, seen.Count);
    }

    private static string ServedBy(HttpResponseMessage answer) =>
        answer.Headers.TryGetValues("X-Served-By", out var values) ? values.Single() : "(no X-Served-By)";

    private static async Task<IPage> OpenThreadAsync(PinnedContext context, TestPerson person, int ideaId)
    {
        var page = await context.NewPageAsync();
        await page.SignInAsync(person);
        // The home page after signing in opens its circuit on this server; let it, before pinning elsewhere.
        await page.WaitForCircuitAsync();
        await page.GotoAsync($"/posts/{ideaId}");
        await page.WaitForCircuitAsync();
        await page.Locator(Composer).WaitForAsync();
        return page;
    }

    // People and ideas go straight into the database both servers share; neither server seeds a demo.
    private async Task<TestPerson> AddPersonAsync(string role)
    {
        await using var db = servers.OpenDatabase();
        return await db.AddPersonAsync(role, ct: TestContext.Current.CancellationToken);
    }

    private async Task<Post> AnOpenIdeaAsync()
    {
        await using var db = servers.OpenDatabase();
        var author = await db.AddPersonAsync(Roles.Customer, ct: TestContext.Current.CancellationToken);
        return await db.AddIdeaAsync(author, ct: TestContext.Current.CancellationToken);
    }
}
