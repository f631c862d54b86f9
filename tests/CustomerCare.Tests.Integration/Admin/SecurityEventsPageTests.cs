using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Admin;

/// <summary>The log's page at /admin/security: admins see it (linked from their navigation); everyone else is sent away.</summary>
public sealed class SecurityEventsPageTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in()
    {
        using var browser = new PortalBrowser(portal);

        using var page = await browser.GetAsync("/admin/security");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("Account/Login?ReturnUrl=", PortalBrowser.SameSitePath(page.Headers.Location), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Customer)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.ProductOwner)]
    public async Task Others_are_told_access_is_denied(string role)
    {
        var person = await portal.AddPersonAsync(role, ct: Ct);
        using var browser = new PortalBrowser(portal);
        await browser.SignInAsync(person.Email, person.Password);

        using var page = await browser.GetAsync("/admin/security");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", PortalBrowser.SameSitePath(page.Headers.Location), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/security\"", await browser.GetTextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_sees_the_page_and_the_link_in_the_navigation()
    {
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        using var browser = new PortalBrowser(portal, "de");
        await browser.SignInAsync(admin.Email, admin.Password);

        var page = await browser.GetTextAsync("/admin/security");

        Assert.Contains("Sicherheitsereignisse", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/security\"", page, StringComparison.Ordinal);
    }
}
