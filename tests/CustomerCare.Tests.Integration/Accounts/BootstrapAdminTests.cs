using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Accounts;

public sealed class BootstrapAdminTests
{
    [Fact]
    public async Task Configured_admin_email_becomes_admin_on_registration_whatever_its_case()
    {
        await using var portal = new EmptyPortalFactory();
        portal.With("Bootstrap:AdminEmail", "Chief@Example.com");
        using var browser = new PortalBrowser(portal);

        await browser.RegisterAsync("The Chief", "chief@example.com", PortalBrowser.GoodPassword);
        await browser.RegisterAsync("Someone Else", "else@example.com", PortalBrowser.GoodPassword);

        Assert.Equal([Roles.Admin, Roles.Customer], (await PortalBrowser.FindAsync(portal, "chief@example.com")).Roles.Order(StringComparer.Ordinal));
        Assert.Equal([Roles.Customer], (await PortalBrowser.FindAsync(portal, "else@example.com")).Roles);
    }

    [Fact]
    public async Task Configured_admin_email_grants_nothing_once_the_portal_has_an_admin()
    {
        await using var portal = new EmptyPortalFactory();
        portal.With("Bootstrap:AdminEmail", "chief@example.com");
        await PortalBrowser.CreateUserAsync(portal, "first-admin@example.com", roles: Roles.Admin);
        using var browser = new PortalBrowser(portal);

        await browser.RegisterAsync("Latecomer", "chief@example.com", PortalBrowser.GoodPassword);

        Assert.Equal([Roles.Customer], (await PortalBrowser.FindAsync(portal, "chief@example.com")).Roles);
    }
}
