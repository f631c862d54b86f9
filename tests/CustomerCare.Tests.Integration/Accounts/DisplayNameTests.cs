using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>
/// The name beside everything a person writes: cleaned like any stored text, and never a colleague's for a customer,
/// however it is spelled. A portal of its own, since a staff member named Anna Berger would change what other
/// registration tests may call themselves.
/// </summary>
public sealed class DisplayNameTests(DisplayNameTests.Portal portal) : IClassFixture<DisplayNameTests.Portal>
{
    private const string TeamName = "This is the name of someone on our team. Please choose another one, for example with the initial of your surname.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Anna Berger")]
    [InlineData("anna berger")]
    [InlineData("Anna  Berger")]
    [InlineData("Anna\u200BBerger")]
    [InlineData("Anna Berger\u202E")]
    [InlineData("Ａｎｎａ Ｂｅｒｇｅｒ")]
    [InlineData("\u0410nna Berger")]
    public async Task A_customer_cannot_register_under_the_name_of_someone_who_works_here(string name)
    {
        await portal.AddPersonAsync(Roles.Staff, "Anna Berger", "Customer Care", Ct);
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("impostor");

        var result = await browser.RegisterAsync(name, email, PortalBrowser.GoodPassword);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(TeamName, Assert.Single(result.MessagesFor("DisplayName")));
        Assert.Equal(email, result.ValueOf("Email"));
        Assert.Null((await PortalBrowser.FindAsync(portal, email)).User);
    }

    [Fact]
    public async Task A_customer_may_share_a_name_with_another_customer()
    {
        await portal.AddPersonAsync(Roles.Customer, "Clara Schmidt", ct: Ct);
        using var browser = new PortalBrowser(portal);

        var email = PortalBrowser.NewEmail("clara");

        var result = await browser.RegisterAsync("Clara Schmidt", email, PortalBrowser.GoodPassword);

        Assert.Contains($"We have sent a mail to {email}.", result.Text, StringComparison.Ordinal);
        Assert.Equal("Clara Schmidt", (await PortalBrowser.FindAsync(portal, email)).User!.DisplayName);
    }

    // A NUL never gets this far in a posted form: ASP.NET Core's form reading refuses it (400) before the page runs.
    [Fact]
    public async Task A_name_is_stored_in_NFC_without_bidi_or_other_controls()
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("mueller");

        var result = await browser.RegisterAsync(" \u202EJu\u0308rgen\u0007 Mu\u0308ller\u2069 ", email, PortalBrowser.GoodPassword);

        Assert.Contains($"We have sent a mail to {email}.", result.Text, StringComparison.Ordinal);
        Assert.Equal("Jürgen Müller", (await PortalBrowser.FindAsync(portal, email)).User!.DisplayName);
    }

    [Theory]
    [InlineData("\u200B\u200B\u200B\u200B")]
    [InlineData("\u3164\u3164")]
    [InlineData("\u2800\uFEFF\u2060")]
    public async Task A_name_that_shows_nothing_is_refused_like_an_empty_one(string name)
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("invisible");

        var result = await browser.RegisterAsync(name, email, PortalBrowser.GoodPassword);

        Assert.Equal("Please enter a display name of 2 to 80 characters.", Assert.Single(result.MessagesFor("DisplayName")));
        Assert.Null((await PortalBrowser.FindAsync(portal, email)).User);
    }

    [Fact]
    public async Task The_form_tells_the_limits_of_name_and_address_and_the_page_checks_them_again()
    {
        using var browser = new PortalBrowser(portal);
        var page = await browser.GetTextAsync("/Account/Register");
        var tooLong = new string('a', 250) + "@example.com";

        var result = await browser.RegisterAsync(new string('n', 81), tooLong, PortalBrowser.GoodPassword);

        Assert.Matches("id=\"field-DisplayName\"[^>]*maxlength=\"80\"", page);
        Assert.Matches("id=\"field-Email\"[^>]*maxlength=\"256\"", page);
        Assert.Equal("Please enter a display name of 2 to 80 characters.", Assert.Single(result.MessagesFor("DisplayName")));
        Assert.Equal("An e-mail address has at most 256 characters.", Assert.Single(result.MessagesFor("Email")));
    }

    /// <summary>No demo data, and room for more registrations from the test's one address than the form's default allows.</summary>
    public sealed class Portal : PortalFactory
    {
        public Portal()
            : base(Data.DatabaseProvider.Sqlite, seedDemo: false) => With("RateLimits:Registration:PerAddress", "1000");
    }
}
