using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>Lost access ends at the next request: a cookie from before a role change or a sign-out is refused.</summary>
public sealed class AccessEndsTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Taking_staff_away_refuses_the_old_cookie_on_the_next_request()
    {
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        using var browser = new PortalBrowser(portal);
        await browser.SignInAsync(staff.Email, staff.Password);
        using (var before = await browser.GetAsync("/staff"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var change = await portal.Services.GetRequiredService<AdminService>().SetRoleAsync(admin.Viewer, staff.Id, Roles.Staff, member: false, Ct);

        using var after = await browser.GetAsync("/staff");
        Assert.Equal(RoleChange.Revoked, change);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("Account/Login", PortalBrowser.SameSitePath(after.Headers.Location), StringComparison.Ordinal);
        Assert.Null(await browser.SignedInNameAsync());
    }

    [Fact]
    public async Task Granting_a_role_also_ends_the_old_cookie_and_signing_in_again_brings_the_new_role()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        using var browser = new PortalBrowser(portal);
        await browser.SignInAsync(customer.Email, customer.Password);

        await portal.Services.GetRequiredService<AdminService>().SetRoleAsync(admin.Viewer, customer.Id, Roles.Staff, member: true, Ct);
        var signedOut = await browser.SignedInNameAsync();
        await browser.SignInAsync(customer.Email, customer.Password);

        using var desk = await browser.GetAsync("/staff");
        Assert.Null(signedOut);
        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
    }

    [Fact]
    public async Task Signing_out_refuses_a_copy_of_the_old_cookie()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new PortalBrowser(portal);
        await browser.SignInAsync(customer.Email, customer.Password);
        using var copy = browser.CopyWithCookies(portal);
        Assert.Equal(customer.DisplayName, await copy.SignedInNameAsync());

        using var signOut = await browser.SignOutAsync();

        using var settings = await copy.GetAsync("/account/notifications");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.Contains("Account/Login", PortalBrowser.SameSitePath(settings.Headers.Location), StringComparison.Ordinal);
        Assert.Null(await copy.SignedInNameAsync());
        Assert.Null(await browser.SignedInNameAsync());
    }

    [Fact]
    public async Task A_password_reset_ends_the_sessions_that_knew_the_old_password()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new PortalBrowser(portal);
        await browser.SignInAsync(customer.Email, customer.Password);

        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CareUser>>();
            var user = await users.FindByIdAsync(customer.Id);
            var token = await users.GeneratePasswordResetTokenAsync(user!);
            using var reset = new PortalBrowser(portal);
            var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token));
            var done = await reset.SubmitAsync($"/Account/ResetPassword?code={code}", "reset-password", new Dictionary<string, string>
            {
                ["Input.Email"] = customer.Email,
                ["Input.Password"] = "Renewed!2026",
                ["Input.ConfirmPassword"] = "Renewed!2026",
            });
            Assert.Equal("/Account/ResetPasswordConfirmation", done.Location);
        }

        Assert.Null(await browser.SignedInNameAsync());
    }
}
