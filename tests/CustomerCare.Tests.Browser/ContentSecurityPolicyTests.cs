using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

/// <summary>
/// The portal works in Chromium under its Content-Security-Policy, which runs no inline script but the nonce'd import
/// map: visitors, customers, staff, product owners and admins walk the pages, the account pages, MudBlazor's popovers,
/// dialogs and snackbars, a form post, the reconnect overlay — and Chromium reports no violation of the policy.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class ContentSecurityPolicyTests(BrowserFixture browser)
{
    private const string Composer = "[data-testid=composer] textarea:visible";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_walks_the_public_and_account_pages_without_a_violation()
    {
        var ideaId = await browser.Portal.ProposeIdeaAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var (page, watch) = await OpenWatchedPageAsync();

        var first = await page.GotoAsync("/");
        Assert.Matches(NonceRegex(), await first!.HeaderValueAsync("content-security-policy") ?? "");
        await page.WaitForCircuitAsync();
        await watch.AssertCleanAsync(page, "/");
        await watch.AssertInlineScriptRefusedAsync(page);

        foreach (var address in new[] { "/ideas?sort=top&q=rechnung", "/roadmap", "/changelog", $"/posts/{ideaId}", "/complaints", "/no/such/page" })
        {
            await page.GotoAsync(address);
            await page.WaitForCircuitAsync();
            await watch.AssertCleanAsync(page, address);
        }

        await page.GetByTestId("theme-toggle").ClickAsync();
        await page.WaitForFunctionAsync("() => document.cookie.includes('cc-theme=dark')");
        await watch.AssertCleanAsync(page, "dark mode");

        foreach (var address in new[] { "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Account/ResendEmailConfirmation" })
        {
            await page.GotoAsync(address);
            await Expect(page.Locator("form button[type=submit]").First).ToBeVisibleAsync();
            await watch.AssertCleanAsync(page, address);
        }

        // A page without a circuit: app.js works the drawer; a form post goes to the portal itself (form-action).
        await page.SetViewportSizeAsync(420, 800);
        await page.GotoAsync("/Account/Login");
        await page.GetByTestId("nav-toggle").ClickAsync();
        await Expect(page.Locator(".cc-layout")).ToHaveClassAsync(new Regex("cc-nav-open"));
        await page.GetByTestId("nav-scrim").ClickAsync(new() { Position = new() { X = 410, Y = 400 } });
        await Expect(page.Locator(".cc-layout")).ToHaveClassAsync(new Regex("cc-nav-closed"));
        await page.Locator("input[name='Input.Email']").FillAsync("nobody@example.test");
        await page.Locator("input[name='Input.Password']").FillAsync("Wrong!2345");
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await watch.AssertCleanAsync(page, "failed sign-in");

        await page.GotoAsync("/unsubscribe?token=garbage");
        await Expect(page.GetByTestId("unsubscribe-invalid")).ToBeVisibleAsync();
        await watch.AssertCleanAsync(page, "/unsubscribe");
    }

    [Fact]
    public async Task A_customer_writes_votes_proposes_and_sets_mails_without_a_violation()
    {
        var customer = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ideaId = await browser.Portal.ProposeIdeaAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var (page, watch) = await OpenWatchedPageAsync();
        await page.SignInAsync(customer);
        await watch.AssertCleanAsync(page, "sign-in");

        // The post page: vote, the composer with its drafts module (a JS module through the import map), a reply.
        await page.GotoAsync($"/posts/{ideaId}");
        await page.WaitForCircuitAsync();
        await page.GetByTestId("vote-button").First.ClickAsync();
        await Expect(page.GetByTestId("vote-count").First).ToHaveTextAsync("1");
        var reply = $"Same here ({Guid.NewGuid():N})";
        await page.Locator(Composer).FillAsync(reply);
        await page.GetByTestId("composer-submit").ClickAsync();
        await Expect(page.Locator("[data-testid=reply]", new() { HasText = reply })).ToBeVisibleAsync();
        await watch.AssertCleanAsync(page, "post page");

        await page.GotoAsync("/ideas/new");
        await page.WaitForCircuitAsync();
        await page.Locator("input[data-testid=propose-title], [data-testid=propose-title] input").First.FillAsync("Meter readings by photo");
        await watch.AssertCleanAsync(page, "/ideas/new");

        foreach (var address in new[] { "/complaints/new", "/complaints", "/notifications" })
        {
            await page.GotoAsync(address);
            await page.WaitForCircuitAsync();
            await watch.AssertCleanAsync(page, address);
        }

        // MudBlazor's select opens a popover; saving shows an alert.
        await page.GotoAsync("/account/notifications");
        await page.WaitForCircuitAsync();
        await page.Locator(".mud-input-control.mud-select:has([data-testid=prefs-language])").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Last.ClickAsync();
        await page.GetByTestId("prefs-save").ClickAsync();
        await Expect(page.GetByTestId("prefs-outcome")).ToBeVisibleAsync();
        await watch.AssertCleanAsync(page, "/account/notifications");

        // Signing out is a form post too.
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await watch.AssertCleanAsync(page, "sign-out");
    }

    [Fact]
    public async Task Staff_product_owners_and_admins_use_dialogs_popovers_and_snackbars_without_a_violation()
    {
        var complaintId = await browser.Portal.FileComplaintAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var ideaId = await browser.Portal.ProposeIdeaAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
        var staff = await browser.Portal.AddPersonAsync(Roles.Staff, "Anna Policy", "Customer Care", Ct);
        // Answered at once: the desk's other tests count the portal's unanswered complaints and expect only their own.
        var answer = await browser.Portal.Services.GetRequiredService<ThreadService>()
            .ReplyAsync(complaintId, null, "We are looking into it.", internalNote: false, staff.Viewer, Ct);
        Assert.True(answer.Succeeded, $"complaint {complaintId}: {answer.Outcome}");
        await browser.Portal.AddPersonAsync(Roles.Staff, "Ben Policy", "Billing", Ct);
        var owner = await browser.Portal.AddPersonAsync(Roles.ProductOwner, "Jonas Policy", ct: Ct);
        var admin = await browser.Portal.AddPersonAsync(Roles.Admin, "Sabine Policy", "Team lead", Ct);
        var someone = await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct);

        // Staff: the desk (a MudTable), the complaint's hand-over dialog with its select.
        var (desk, staffWatch) = await OpenWatchedPageAsync();
        await desk.SignInAsync(staff);
        await desk.GotoAsync("/staff?filter=unassigned&tenure=1&sort=tenure");
        await desk.WaitForCircuitAsync();
        await staffWatch.AssertCleanAsync(desk, "/staff");
        await desk.GotoAsync($"/posts/{complaintId}");
        await desk.WaitForCircuitAsync();
        await desk.GetByTestId("ownership-handover").ClickAsync();
        await Expect(desk.Locator(".mud-dialog")).ToBeVisibleAsync();
        await desk.Locator(".mud-input-control.mud-select:has([data-testid=ownership-colleague])").ClickAsync();
        await Expect(desk.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();
        await desk.Keyboard.PressAsync("Escape");
        await staffWatch.AssertCleanAsync(desk, "hand-over dialog");

        // A product owner decides: a select, then a snackbar.
        var (decide, ownerWatch) = await OpenWatchedPageAsync();
        await decide.SignInAsync(owner);
        await decide.GotoAsync($"/posts/{ideaId}");
        await decide.WaitForCircuitAsync();
        var decision = decide.GetByTestId("status-decision");
        await decision.Locator(".mud-select").First.ClickAsync();
        await decide.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Planned" }).ClickAsync();
        await decision.Locator("textarea").First.FillAsync("On the plan for spring.");
        var snackbar = decide.Locator(".mud-snackbar").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await decide.GetByTestId("decision-save").ClickAsync();
        await Expect(decide.GetByTestId("status-chip").First).ToHaveTextAsync("Planned");
        await snackbar;
        await ownerWatch.AssertCleanAsync(decide, "status decision");

        // The admin: the remove dialog on a post, and a role granted with a snackbar.
        var (users, adminWatch) = await OpenWatchedPageAsync();
        await users.SignInAsync(admin);
        await users.GotoAsync($"/posts/{ideaId}");
        await users.WaitForCircuitAsync();
        await users.GetByTestId("moderation-remove").ClickAsync();
        await Expect(users.Locator(".mud-dialog")).ToBeVisibleAsync();
        await users.Keyboard.PressAsync("Escape");
        await adminWatch.AssertCleanAsync(users, "remove dialog");
        await users.GotoAsync("/admin/users");
        await users.WaitForCircuitAsync();
        await users.Locator("input[data-testid=admin-search], [data-testid=admin-search] input").First.FillAsync(someone.Email);
        // The search reloads the table; a click before it settled would land on a row about to be replaced.
        await Expect(users.Locator("tbody tr")).ToHaveCountAsync(1);
        var row = users.Locator("tr", new() { HasText = someone.Email });
        var granted = users.Locator(".mud-snackbar").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await row.Locator("label:has(input[data-testid=role-Staff])").ClickAsync();
        await Expect(row.Locator("input[data-testid=role-Staff]")).ToBeCheckedAsync();
        await granted;
        await adminWatch.AssertCleanAsync(users, "/admin/users");
    }

    [Fact]
    public async Task The_reconnect_overlay_shows_without_a_violation()
    {
        var (page, watch) = await OpenWatchedPageAsync();
        // A circuit to lose: a visitor's page has none (it reads without one), so a customer's.
        await page.SignInAsync(await browser.Portal.AddPersonAsync(Roles.Customer, ct: Ct));

        await page.OpenThenLoseConnectionAsync("/roadmap");

        // The portal's panel (ReconnectOverlay): Blazor marks it by class, app.js announces the step and wires its
        // buttons; no inline script, no inline handler.
        await Expect(page.Locator("#components-reconnect-modal .cc-reconnect-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#components-reconnect-modal [role=status]")).ToContainTextAsync("Connection lost");
        await watch.AssertCleanAsync(page, "reconnect overlay");
    }

    [Fact]
    public async Task The_API_reference_page_draws_the_document_from_the_package_without_a_violation()
    {
        var (page, watch) = await OpenWatchedPageAsync();
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.Root.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal)
                && !request.Url.Contains("csp-marker-", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };

        await page.GotoAsync("/api/docs");

        // Scalar's page, its scripts served by the portal from the package, draws the OpenAPI document: the title and the operations.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CustomerCare API" }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("/api/v1/ideas").First).ToBeAttachedAsync();
        // One refusal is expected and harmless: Scalar's bundled Zod probes for eval (try { Function("") } catch { … }) to
        // choose between compiled and plain validation; refused by the policy, it validates without compiling.
        await watch.AssertCleanAsync(page, "API reference", v => v.StartsWith("script-src blocked eval at ", StringComparison.Ordinal)
            && v.Contains("/api/docs/scalar.js:", StringComparison.Ordinal));
        Assert.Empty(foreign);
    }

    private Task<(IPage Page, CspWatch Watch)> OpenWatchedPageAsync() => CspWatch.OpenPageAsync(browser, browser.Root);

    [GeneratedRegex("script-src 'self' 'nonce-[A-Za-z0-9_-]+'")]
    private static partial Regex NonceRegex();
}
