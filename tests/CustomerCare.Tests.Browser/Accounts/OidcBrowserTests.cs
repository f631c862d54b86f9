using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser.Accounts;

/// <summary>
/// Signing in through OpenID Connect as a person does it, in Chromium against a real provider (oidc-provider) on this
/// machine: the button, the provider's own sign-in form, the way back, and what the portal made of it.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class OidcBrowserTests(BrowserFixture browser, OidcPortal oidc) : IClassFixture<OidcPortal>
{
    private const string NoncePrefix = ".AspNetCore.OpenIdConnect.Nonce.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_first_sign_in_with_a_verified_address_creates_a_customer_named_from_the_provider()
    {
        await oidc.StartAsync();
        var account = await oidc.Provider.AddAccountAsync(NewEmail("nora"), verified: true, "Nora Neumann");
        var page = await OpenAsync();

        await SignInThroughProviderAsync(page, account);

        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Nora Neumann");
        await using var db = await DbAsync();
        var user = await db.Users.SingleAsync(u => u.Email == account.Email, Ct);
        Assert.True(user.EmailConfirmed);
        Assert.Equal([Roles.CustomerId], await db.UserRoles.Where(r => r.UserId == user.Id).Select(r => r.RoleId).ToListAsync(Ct));
        Assert.Equal(account.Sub, (await db.UserLogins.SingleAsync(l => l.UserId == user.Id, Ct)).ProviderKey);
        Assert.True(await db.SecurityEvents.AnyAsync(e => e.UserId == user.Id && e.Kind == SecurityEventKind.ExternalAccountCreated, Ct));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_verified_address_links_the_existing_account_which_keeps_its_name_and_password()
    {
        await oidc.StartAsync();
        var person = await oidc.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var account = await oidc.Provider.AddAccountAsync(person.Email, verified: true, "Someone Else");
        var page = await OpenAsync();

        await SignInThroughProviderAsync(page, account);

        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(person.DisplayName);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == person.Email, Ct));
        Assert.Equal(person.Id, (await db.UserLogins.SingleAsync(l => l.ProviderKey == account.Sub, Ct)).UserId);
        Assert.True(await db.SecurityEvents.AnyAsync(e => e.UserId == person.Id && e.Kind == SecurityEventKind.ExternalLoginLinked, Ct));
        await page.Context.CloseAsync();

        var local = await OpenAsync();
        await local.SignInAsync(person);
        await local.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unverified_address_is_not_linked_to_the_account_that_has_it_and_nobody_is_signed_in()
    {
        await oidc.StartAsync();
        var person = await oidc.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var account = await oidc.Provider.AddAccountAsync(person.Email, verified: false, "Mallory");
        var page = await OpenAsync();

        await SignInThroughProviderAsync(page, account);

        await Expect(page.GetByTestId("external-refused")).ToContainTextAsync("has not confirmed the address");
        await Expect(page.GetByTestId("user-name")).ToHaveCountAsync(0);
        await using var db = await DbAsync();
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == account.Sub || l.UserId == person.Id, Ct));
        Assert.True(await db.SecurityEvents.AnyAsync(e => e.UserId == person.Id && e.Kind == SecurityEventKind.ExternalLinkRefused, Ct));
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_group_claim_makes_a_new_colleague_staff()
    {
        await oidc.StartAsync();
        var account = await oidc.Provider.AddAccountAsync(NewEmail("carla"), verified: true, $"Carla {Guid.NewGuid():N}"[..14], OidcPortal.StaffGroup);
        var page = await OpenAsync();

        await SignInThroughProviderAsync(page, account);

        await page.GotoAsync("/staff");
        await Expect(page.Locator("h1")).Not.ToHaveTextAsync(new Regex("Access denied|Sign in"));
        await using var db = await DbAsync();
        var user = await db.Users.SingleAsync(u => u.Email == account.Email, Ct);
        Assert.True(await db.UserRoles.AnyAsync(r => r.UserId == user.Id && r.RoleId == Roles.StaffId, Ct));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_tampered_state_is_refused_with_a_message_and_signs_nobody_in()
    {
        await oidc.StartAsync();
        var account = await oidc.Provider.AddAccountAsync(NewEmail("tamper"), verified: true, "Tess Tamper");
        var page = await OpenAsync();
        await page.RouteAsync(new Regex($"/signin-oidc-{OidcPortal.Key}"), route => route.ContinueAsync(new()
        {
            PostData = System.Text.Encoding.UTF8.GetBytes(StateRegex().Replace(route.Request.PostData ?? "", "state=AAAA$1")),
        }));

        await SignInThroughProviderAsync(page, account);

        await Expect(page.GetByTestId("external-problem")).ToContainTextAsync("could not be completed");
        await Expect(page.GetByTestId("user-name")).ToHaveCountAsync(0);
        await AssertNoAccountAsync(account);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_callback_with_another_attempts_nonce_is_refused_with_a_message_and_signs_nobody_in()
    {
        await oidc.StartAsync();
        var account = await oidc.Provider.AddAccountAsync(NewEmail("nonce"), verified: true, "Nina Nonce");

        // Another attempt, left at the provider's form: its nonce cookie is valid, but for another nonce.
        var other = await OpenAsync();
        await other.GotoAsync("Account/Login");
        await other.GetByTestId($"external-{OidcPortal.Key}").ClickAsync();
        await other.Locator("#login").WaitForAsync();
        var otherNonce = (await other.Context.CookiesAsync()).Single(c => c.Name.StartsWith(NoncePrefix, StringComparison.Ordinal));
        await other.Context.CloseAsync();

        var page = await OpenAsync();
        await SignInThroughProviderAsync(page, account, atProvider: async () =>
        {
            // While the person is at the provider, the portal's nonce cookie is swapped for the other attempt's.
            var own = (await page.Context.CookiesAsync()).Single(c => c.Name.StartsWith(NoncePrefix, StringComparison.Ordinal));
            await page.Context.ClearCookiesAsync(new() { Name = own.Name });
            await page.Context.AddCookiesAsync([new Cookie
            {
                Name = otherNonce.Name, Value = otherNonce.Value, Domain = otherNonce.Domain, Path = otherNonce.Path,
                HttpOnly = otherNonce.HttpOnly, Secure = otherNonce.Secure, SameSite = otherNonce.SameSite,
            }]);
        });

        await Expect(page.GetByTestId("external-problem")).ToContainTextAsync("could not be completed");
        await Expect(page.GetByTestId("user-name")).ToHaveCountAsync(0);
        await AssertNoAccountAsync(account);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_provider_that_is_down_is_named_on_the_sign_in_page_and_the_password_still_works()
    {
        await oidc.StartAsync();
        var person = await oidc.Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var page = await OpenAsync();
        await page.GotoAsync("Account/Login");

        var started = DateTime.UtcNow;
        await page.GetByTestId($"external-{OidcPortal.GoneKey}").ClickAsync();

        await Expect(page.GetByTestId("external-problem")).ToHaveTextAsync(
            "Gone Provider cannot be reached right now. Please try again later, or sign in with your e-mail address and password.");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15), "The refusal took longer than the backchannel timeout allows.");
        await page.SignInAsync(person);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_provider_too()
    {
        await oidc.StartAsync();
        var account = await oidc.Provider.AddAccountAsync(NewEmail("otto"), verified: true, "Otto Ausloggen");
        var page = await OpenAsync();
        await SignInThroughProviderAsync(page, account);
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Otto Ausloggen");

        await page.GetByTestId("sign-out").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();

        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        Assert.StartsWith(oidc.Root.GetLeftPart(UriPartial.Authority), page.Url, StringComparison.Ordinal);

        // The provider forgot the session: the next sign-in asks for the password there again.
        await page.GotoAsync("Account/Login");
        await page.GetByTestId($"external-{OidcPortal.Key}").ClickAsync();
        await Expect(page.Locator("#login")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_name_the_portal_cannot_show_is_asked_for_before_the_account_is_made()
    {
        await oidc.StartAsync();
        var colleague = await oidc.Portal.AddPersonAsync(Roles.Staff, $"Anna {Guid.NewGuid():N}"[..13], ct: Ct);
        var account = await oidc.Provider.AddAccountAsync(NewEmail("impostor"), verified: true, colleague.DisplayName);
        var page = await OpenAsync();

        await SignInThroughProviderAsync(page, account);
        await Expect(page.GetByTestId("external-name-intro")).ToBeVisibleAsync();
        Assert.Empty(await AxeViolationsAsync(page));
        await page.Locator("input[name='Input.DisplayName']").FillAsync("Anna from Berlin");
        await page.GetByTestId("external-name-submit").ClickAsync();

        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Anna from Berlin");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    public async Task The_provider_buttons_and_messages_have_no_axe_violation(string locale)
    {
        await oidc.StartAsync();
        var context = await browser.NewContextAsync(new() { BaseURL = oidc.Root.ToString(), Locale = locale });
        var page = await context.NewPageAsync();
        var found = new List<string>();
        foreach (var address in new[] { "Account/Login", "Account/Register", $"Account/Login?external=unavailable&provider={OidcPortal.GoneKey}", "Account/ExternalLogin" })
        {
            await page.GotoAsync(address);
            found.AddRange((await AxeViolationsAsync(page)).Select(v => $"{address}: {v}"));
        }

        await Expect(page.GetByTestId("external-refused")).ToBeVisibleAsync();
        Assert.Empty(found);
        await context.CloseAsync();
    }

    private static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return [.. result.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}) {n.Html}"))];
    }

    private async Task<IPage> OpenAsync()
    {
        var context = await browser.NewContextAsync(new() { BaseURL = oidc.Root.ToString(), Locale = "en-US" });
        return await context.NewPageAsync();
    }

    private async Task SignInThroughProviderAsync(IPage page, OidcAccount account, Func<Task>? atProvider = null)
    {
        await page.GotoAsync("Account/Login");
        await page.GetByTestId($"external-{OidcPortal.Key}").ClickAsync();
        await page.Locator("#login").FillAsync(account.Sub);
        if (atProvider is not null)
        {
            await atProvider();
        }

        await page.Locator("#password").FillAsync(OidcAccount.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Through the provider's form_post page and the portal's callback, back to a page of the portal.
        var portal = oidc.Root.GetLeftPart(UriPartial.Authority);
        await page.WaitForURLAsync(url => url.StartsWith(portal, StringComparison.Ordinal) && !url.Contains("/signin-oidc", StringComparison.Ordinal));
    }

    private async Task AssertNoAccountAsync(OidcAccount account)
    {
        await using var db = await DbAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == account.Email, Ct));
    }

    private async Task<CareDb> DbAsync() =>
        await oidc.Portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);

    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    [GeneratedRegex("state=([^&]+)")]
    private static partial Regex StateRegex();

}
