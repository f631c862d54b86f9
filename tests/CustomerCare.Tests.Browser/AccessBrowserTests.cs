using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Admin;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CustomerCare.Tests.Browser;

/// <summary>Access ends at once in an open page too: no reload, no 30-minute wait.</summary>
[Collection(BrowserTests.Name)]
public sealed class AccessBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_open_page_loses_the_staff_pieces_within_seconds_when_an_admin_takes_staff_away()
    {
        var anna = await browser.Portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var admin = await browser.Portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var page = await browser.OpenPageAsync();
        await page.SignInAsync(anna);
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("nav-staff")).ToBeVisibleAsync();
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        var change = await browser.Portal.Services.GetRequiredService<AdminService>().SetRoleAsync(admin.Viewer, anna.Id, Roles.Staff, member: false, Ct);

        Assert.Equal(RoleChange.Revoked, change);
        await Expect(page.GetByTestId("nav-staff")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("user-name")).ToHaveCountAsync(0);
        Assert.Equal(0, navigations);
        await page.Context.CloseAsync();
    }
}
