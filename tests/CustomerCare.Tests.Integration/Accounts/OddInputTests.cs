using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>Odd values in the address bar get a page or a redirect, never an error page with a stack trace.</summary>
public sealed class OddInputTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Culture_switch_returns_to_a_non_ascii_address_percent_encoded()
    {
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/culture/set?culture=de&redirectUri=/%C3%BC", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/%C3%BC", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_in_with_a_non_ascii_return_address_returns_there_percent_encoded()
    {
        var person = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new PortalBrowser(portal);

        var result = await browser.SignInAsync(person.Email, person.Password, "/Account/Login?ReturnUrl=%2F%C3%BCber%3Fq%3D%C3%A4");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/%C3%BCber?q=%C3%A4", result.Location);
        Assert.Equal(person.DisplayName, await browser.SignedInNameAsync());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999999999999999")]
    [InlineData("")]
    public async Task Lockout_page_with_an_unreadable_time_shows_the_general_notice(string until)
    {
        using var browser = new PortalBrowser(portal);

        var page = await browser.GetTextAsync("/Account/Lockout?until=" + Uri.EscapeDataString(until));

        Assert.Contains("locked the account for a while", page, StringComparison.Ordinal);
    }
}
