using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Admin;

public sealed class AdminUsersPageTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_and_comes_back_afterwards()
    {
        var email = PortalBrowser.NewEmail("admin");
        await PortalBrowser.CreateUserAsync(portal, email, roles: [Roles.Customer, Roles.Admin]);
        using var browser = new PortalBrowser(portal);

        using var page = await browser.GetAsync("/admin/users");
        var login = PortalBrowser.SameSitePath(page.Headers.Location)!;
        var signedIn = await browser.SignInAsync(email, PortalBrowser.GoodPassword, login);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("Account/Login?ReturnUrl=", login, StringComparison.Ordinal);
        Assert.Equal("/admin/users", signedIn.Location);
        Assert.Contains("Users and roles", await browser.GetTextAsync("/admin/users"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customer_is_told_access_is_denied_instead_of_seeing_the_user_list()
    {
        var email = PortalBrowser.NewEmail("customer");
        await PortalBrowser.CreateUserAsync(portal, email, roles: Roles.Customer);
        using var browser = new PortalBrowser(portal);
        await browser.SignInAsync(email, PortalBrowser.GoodPassword);

        using var response = await browser.GetAsync("/admin/users");
        var location = PortalBrowser.SameSitePath(response.Headers.Location)!;
        var page = await browser.GetTextAsync(location);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", location, StringComparison.Ordinal);
        Assert.Contains("This page is for other roles.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Users and roles", page, StringComparison.Ordinal);
    }
}
