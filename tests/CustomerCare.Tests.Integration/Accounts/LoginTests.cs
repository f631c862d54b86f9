using System.Net;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Accounts;

public sealed class LoginTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Fact]
    public async Task Right_password_signs_in_and_returns_to_the_local_page_asked_for()
    {
        var email = PortalBrowser.NewEmail("fritz");
        var user = await PortalBrowser.CreateUserAsync(portal, email);
        using var browser = new PortalBrowser(portal);

        var result = await browser.SignInAsync(email, PortalBrowser.GoodPassword, "/Account/Login?ReturnUrl=%2Froadmap");

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/roadmap", result.Location);
        Assert.Equal(user.DisplayName, await browser.SignedInNameAsync());
    }

    [Theory]
    [InlineData("https://evil.example/login")]
    [InlineData("//evil.example/login")]
    [InlineData("/\\evil.example/login")]
    [InlineData("javascript:alert(1)")]
    public async Task Return_url_to_another_site_is_ignored(string returnUrl)
    {
        var email = PortalBrowser.NewEmail("gina");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var browser = new PortalBrowser(portal);

        var result = await browser.SignInAsync(email, PortalBrowser.GoodPassword, "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal("/", result.Location);
    }

    [Fact]
    public async Task Wrong_password_shows_a_message_at_the_form_and_keeps_the_email()
    {
        var email = PortalBrowser.NewEmail("hans");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var browser = new PortalBrowser(portal);

        var result = await browser.SignInAsync(email, "NotMyPassword1");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("The e-mail address or the password is not right.", result.Text, StringComparison.Ordinal);
        Assert.Equal(email, result.ValueOf("Email"));
        Assert.Null(result.ValueOf("Password"));
        Assert.Null(await browser.SignedInNameAsync());
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_message_as_a_wrong_password()
    {
        using var browser = new PortalBrowser(portal);

        var result = await browser.SignInAsync(PortalBrowser.NewEmail("nobody"), PortalBrowser.GoodPassword);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("The e-mail address or the password is not right.", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_form_asks_for_email_and_password()
    {
        using var browser = new PortalBrowser(portal);

        var result = await browser.SignInAsync("", "");

        Assert.Equal("Please enter your e-mail address.", Assert.Single(result.MessagesFor("Email")));
        Assert.Equal("Please enter your password.", Assert.Single(result.MessagesFor("Password")));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_nothing_the_right_one_from_another_address_signs_in()
    {
        var email = PortalBrowser.NewEmail("ida");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var stranger = new PortalBrowser(portal, clientAddress: "203.0.113.50");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await stranger.SignInAsync(email, $"Wrong{attempt}Password");
            Assert.Equal(HttpStatusCode.OK, failed.Status);
            Assert.Null(failed.Location);
        }

        using var owner = new PortalBrowser(portal, clientAddress: "198.51.100.50");
        var signedIn = await owner.SignInAsync(email, PortalBrowser.GoodPassword);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal("/", signedIn.Location);
        var (user, _) = await PortalBrowser.FindAsync(portal, email);
        Assert.Null(user!.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
    }

    [Fact]
    public async Task Login_page_speaks_German_with_Accept_Language_de()
    {
        using var browser = new PortalBrowser(portal, "de");

        var page = await browser.GetTextAsync("/Account/Login");

        Assert.Contains("<html lang=\"de\">", page, StringComparison.Ordinal);
        Assert.Contains("E-Mail-Adresse", page, StringComparison.Ordinal);
        Assert.Contains("Auf diesem Gerät angemeldet bleiben", page, StringComparison.Ordinal);
        Assert.Contains("Passwort vergessen?", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Forgot your password?", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_message_is_German_for_German_visitors()
    {
        var email = PortalBrowser.NewEmail("jutta");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var browser = new PortalBrowser(portal, "de");

        var result = await browser.SignInAsync(email, "Falsch123");

        Assert.Contains("E-Mail-Adresse oder Passwort stimmen nicht.", result.Text, StringComparison.Ordinal);
    }
}
