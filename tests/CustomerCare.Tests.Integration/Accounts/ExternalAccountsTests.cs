using System.Security.Claims;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Components.Account;
using CustomerCare.Web.Components.Account.External;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>
/// What a sign-in through a provider means here, decided without a browser (the browser tests walk the same rules
/// against a real provider): the login ASP.NET Core checked, as <see cref="ExternalLoginInfo"/>, handed to
/// <see cref="ExternalAccounts"/>. The provider's address is never contacted.
/// </summary>
public sealed class ExternalAccountsTests(ExternalAccountsTests.Portal portal) : IClassFixture<ExternalAccountsTests.Portal>
{
    private const string Scheme = "oidc-company";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unverified_address_is_not_linked_to_the_account_that_has_it()
    {
        var person = await portal.AddPersonAsync(Roles.Customer, ct: Ct);

        var outcome = await ResolveAsync(Login(person.Email, verified: "false"));

        Assert.Equal((ExternalResult.Refused, ExternalRefusal.AddressTakenNotVerified), (outcome.Result, outcome.Refusal));
        await using var db = await DbAsync();
        Assert.False(await db.UserLogins.AnyAsync(l => l.UserId == person.Id, Ct));
        Assert.True(await db.SecurityEvents.AnyAsync(e => e.UserId == person.Id && e.Kind == SecurityEventKind.ExternalLinkRefused, Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("yes")]
    public async Task A_new_address_the_provider_did_not_verify_makes_no_account(string? verified)
    {
        var email = PortalBrowser.NewEmail("unverified");

        var outcome = await ResolveAsync(Login(email, verified));

        Assert.Equal((ExternalResult.Refused, ExternalRefusal.EmailNotVerified), (outcome.Result, outcome.Refusal));
        Assert.Null((await PortalBrowser.FindAsync(portal, email)).User);
    }

    [Fact]
    public async Task A_provider_that_names_no_address_signs_nobody_in()
    {
        var outcome = await ResolveAsync(Login(email: null, verified: "true"));

        Assert.Equal((ExternalResult.Refused, ExternalRefusal.NoEmail), (outcome.Result, outcome.Refusal));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public async Task A_verified_new_address_becomes_a_confirmed_customer_with_the_name_from_the_claims(string verified)
    {
        var email = PortalBrowser.NewEmail("new");

        var outcome = await ResolveAsync(Login(email, verified, name: "Paula Provider"));

        Assert.Equal(ExternalResult.SignedIn, outcome.Result);
        Assert.True(outcome.Created);
        var user = (await PortalBrowser.FindAsync(portal, email)).User!;
        Assert.Equal(("Paula Provider", true), (user.DisplayName, user.EmailConfirmed));
        Assert.Equal([Roles.Customer], await RolesAsync(user.Id));
    }

    [Fact]
    public async Task A_known_login_signs_in_even_when_the_provider_no_longer_vouches_for_the_address()
    {
        var email = PortalBrowser.NewEmail("known");
        var sub = Guid.NewGuid().ToString("N");
        var first = await ResolveAsync(Login(email, "true", sub: sub));

        var again = await ResolveAsync(Login(email, "false", sub: sub));

        Assert.Equal((ExternalResult.SignedIn, first.UserId, false), (again.Result, again.UserId, again.Created));
    }

    [Fact]
    public async Task Staff_roles_follow_the_group_claim_at_each_sign_in_and_roles_it_does_not_name_stay()
    {
        var email = PortalBrowser.NewEmail("colleague");
        var sub = Guid.NewGuid().ToString("N");
        var first = await ResolveAsync(Login(email, "true", sub: sub, groups: ["care-team", "product"]));
        Assert.Equal([Roles.Customer, Roles.ProductOwner, Roles.Staff], await RolesAsync(first.UserId!));
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(first.UserId!))!, Roles.Admin);
        }

        await ResolveAsync(Login(email, "true", sub: sub, groups: ["product"]));

        Assert.Equal([Roles.Admin, Roles.Customer, Roles.ProductOwner], await RolesAsync(first.UserId!));
        await using var db = await DbAsync();
        Assert.True(await db.SecurityEvents.AnyAsync(
            e => e.UserId == first.UserId && e.Kind == SecurityEventKind.RoleRevoked && e.Detail == "Staff (Company ID)", Ct));
    }

    [Fact]
    public async Task A_colleagues_name_is_asked_for_again_unless_the_provider_makes_the_person_staff()
    {
        var colleague = await portal.AddPersonAsync(Roles.Staff, $"Greta {Guid.NewGuid():N}"[..14], ct: Ct);

        var customer = await ResolveAsync(Login(PortalBrowser.NewEmail("impostor"), "true", name: colleague.DisplayName));
        var staff = await ResolveAsync(Login(PortalBrowser.NewEmail("twin"), "true", name: colleague.DisplayName, groups: ["care-team"]));

        Assert.Equal((ExternalResult.NeedsName, DisplayNameProblem.TakenByStaff), (customer.Result, customer.NameProblem));
        Assert.Equal(ExternalResult.SignedIn, staff.Result);
    }

    private static ExternalLoginInfo Login(string? email, string? verified, string? name = null, string? sub = null, string[]? groups = null)
    {
        var claims = new List<Claim> { new("sub", sub ?? Guid.NewGuid().ToString("N")), new("name", name ?? $"Person {Guid.NewGuid():N}"[..15]) };
        if (email is not null)
        {
            claims.Add(new("email", email));
        }

        if (verified is not null)
        {
            claims.Add(new(ExternalClaims.EmailVerifiedClaim, verified));
        }

        claims.AddRange((groups ?? []).Select(g => new Claim("groups", g)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
        return new ExternalLoginInfo(principal, Scheme, claims[0].Value, "Company ID");
    }

    private Task<ExternalOutcome> ResolveAsync(ExternalLoginInfo info) =>
        portal.Services.GetRequiredService<ExternalAccounts>().ResolveAsync(info, chosenName: null, client: null, Ct);

    private async Task<List<string>> RolesAsync(string userId)
    {
        await using var db = await DbAsync();
        return await db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToListAsync(Ct);
    }

    private async Task<CareDb> DbAsync() => await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);

    /// <summary>A portal with one provider, "company", whose groups care-team and product make staff and product owners.</summary>
    public sealed class Portal : PortalFactory
    {
        public Portal()
            : base(DatabaseProvider.Sqlite, seedDemo: false)
        {
            const string Settings = "Authentication:OpenIdConnect:Providers:company:";
            With(Settings + "DisplayName", "Company ID");
            With(Settings + "Authority", "https://login.example.com/company");
            With(Settings + "ClientId", "portal");
            With(Settings + "RoleClaim", "groups");
            With(Settings + "RoleMap:Staff:0", "care-team");
            With(Settings + "RoleMap:ProductOwner:0", "product");
        }
    }
}
