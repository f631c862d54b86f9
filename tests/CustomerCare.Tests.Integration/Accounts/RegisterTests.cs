using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Accounts;

public sealed class RegisterTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Fact]
    public async Task Registering_makes_a_customer_since_now_and_asks_to_confirm_the_address_instead_of_signing_in()
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("anna");
        var before = DateTime.UtcNow.AddSeconds(-1);

        var result = await browser.RegisterAsync("Anna Berger", email, PortalBrowser.GoodPassword);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains($"We have sent a mail to {email}. Follow its link to confirm the address, then sign in.", result.Text, StringComparison.Ordinal);
        Assert.Null(await browser.SignedInNameAsync());
        var (user, roles) = await PortalBrowser.FindAsync(portal, email);
        Assert.NotNull(user);
        Assert.Equal([Roles.Customer], roles);
        Assert.Equal("Anna Berger", user.DisplayName);
        Assert.InRange(user.CustomerSince, before, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(DateTimeKind.Utc, user.CustomerSince.Kind);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, PortalBrowser.GoodPassword)).Status);
        Assert.Equal("Anna Berger", await browser.SignedInNameAsync());
    }

    [Fact]
    public async Task The_sign_in_link_after_registering_returns_to_the_page_the_visitor_came_from()
    {
        using var browser = new PortalBrowser(portal);

        var result = await browser.RegisterAsync("Ben", PortalBrowser.NewEmail("ben"), PortalBrowser.GoodPassword, url: "/Account/Register?ReturnUrl=%2Froadmap");

        Assert.Contains("href=\"Account/Login?ReturnUrl=%2Froadmap\"", result.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taken_email_gets_the_same_answer_as_a_new_one_and_nothing_is_created_or_signed_in()
    {
        var email = PortalBrowser.NewEmail("taken");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var browser = new PortalBrowser(portal);

        var result = await browser.RegisterAsync("Second Claimant", email.ToUpperInvariant(), PortalBrowser.GoodPassword);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains($"We have sent a mail to {email.ToUpperInvariant()}.", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("There is already an account", result.Text, StringComparison.Ordinal);
        var (user, _) = await PortalBrowser.FindAsync(portal, email);
        Assert.NotEqual("Second Claimant", user!.DisplayName);
        Assert.Null(await browser.SignedInNameAsync());
    }

    [Fact]
    public async Task Weak_password_shows_identity_rules_at_the_password_field_and_keeps_the_other_input()
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("weak");

        var result = await browser.RegisterAsync("Carla Weak", email, "abc");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var messages = result.MessagesFor("Password");
        Assert.Contains("The password needs at least 8 characters.", messages);
        Assert.Contains("The password needs at least one digit (0–9).", messages);
        Assert.Contains("The password needs at least one upper-case letter (A–Z).", messages);
        Assert.Equal("Carla Weak", result.ValueOf("DisplayName"));
        Assert.Equal(email, result.ValueOf("Email"));
        Assert.Null(result.ValueOf("Password"));
        Assert.Null(result.ValueOf("ConfirmPassword"));
        Assert.DoesNotContain(">abc<", result.Html, StringComparison.Ordinal);
        Assert.Null((await PortalBrowser.FindAsync(portal, email)).User);
    }

    [Fact]
    public async Task Weak_password_is_explained_in_German_to_German_visitors()
    {
        using var browser = new PortalBrowser(portal, "de");

        var result = await browser.RegisterAsync("Dora", PortalBrowser.NewEmail("dora"), "abcdefgh");

        Assert.Contains("Das Passwort braucht mindestens eine Ziffer (0–9).", result.MessagesFor("Password"));
    }

    [Fact]
    public async Task Short_display_name_and_differing_passwords_are_reported_together()
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("eve");

        var result = await browser.RegisterAsync("E", email, PortalBrowser.GoodPassword, confirm: "Sunflower43");

        Assert.Equal("Please enter a display name of 2 to 80 characters.", Assert.Single(result.MessagesFor("DisplayName")));
        Assert.Equal("The two passwords are not the same.", Assert.Single(result.MessagesFor("ConfirmPassword")));
        Assert.Null((await PortalBrowser.FindAsync(portal, email)).User);
    }
}
