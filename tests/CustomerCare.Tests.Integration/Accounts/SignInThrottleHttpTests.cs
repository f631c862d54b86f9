using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>
/// A portal whose first wait is ten minutes instead of a second, so that on a loaded machine no wait runs out between
/// two attempts of a test (the doubling itself is proven on a hand-set clock in the unit tests).
/// </summary>
public sealed class PatientThrottlePortalFactory : PortalFactory
{
    public PatientThrottlePortalFactory()
        : base(CustomerCare.Data.DatabaseProvider.Sqlite, seedDemo: false)
    {
        With("Access:Throttle:FirstDelay", "00:10:00");
        With("Access:Throttle:AccountMaxDelay", "00:10:00");
        With("Access:Throttle:MaxDelay", "01:00:00");
        With("Access:Throttle:ForgetAfter", "02:00:00");
    }
}

/// <summary>
/// Wrong passwords slow the one who types them, not the account's owner: no lockout anybody can aim. The addresses come
/// as a loopback proxy forwards them (X-Forwarded-For), which is what the throttle counts.
/// </summary>
public sealed class SignInThrottleHttpTests(PatientThrottlePortalFactory portal) : IClassFixture<PatientThrottlePortalFactory>
{
    private const string Wait = "Too many failed sign-ins. Please wait";
    private const string Wrong = "The e-mail address or the password is not right.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_wrong_passwords_from_one_address_do_not_stop_the_right_password_from_another()
    {
        var owner = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        using var attacker = new PortalBrowser(portal, clientAddress: "203.0.113.7");
        var answers = new List<string>();
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var result = await attacker.SignInAsync(owner.Email, $"Guess{attempt}!x");
            Assert.Equal(HttpStatusCode.OK, result.Status);
            answers.Add(result.Text.Contains(Wait, StringComparison.Ordinal) ? "wait" : result.Text.Contains(Wrong, StringComparison.Ordinal) ? "wrong" : "other");
        }

        using var owners = new PortalBrowser(portal, clientAddress: "198.51.100.9");
        var signedIn = await owners.SignInAsync(owner.Email, owner.Password);

        Assert.Equal(["wrong", "wrong", "wrong"], answers.Take(3));
        Assert.All(answers.Skip(3), a => Assert.Equal("wait", a));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.Equal(owner.DisplayName, await owners.SignedInNameAsync());
    }

    [Fact]
    public async Task While_slowed_even_the_right_password_waits_and_the_answer_is_the_same_for_an_unknown_address()
    {
        var person = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var nobody = PortalBrowser.NewEmail("nobody");
        using var known = new PortalBrowser(portal, clientAddress: "203.0.113.21");
        using var unknown = new PortalBrowser(portal, clientAddress: "203.0.113.22");
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await known.SignInAsync(person.Email, "Wrong!2345");
            await unknown.SignInAsync(nobody, "Wrong!2345");
        }

        var right = await known.SignInAsync(person.Email, person.Password);
        var forUnknown = await unknown.SignInAsync(nobody, "Wrong!2345");

        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains(Wait, right.Text, StringComparison.Ordinal);
        Assert.Equal(person.Email, right.ValueOf("Email"));
        Assert.Contains(Wait, forUnknown.Text, StringComparison.Ordinal);
        Assert.Contains("Please wait 10 minutes, then try again.", right.Text, StringComparison.Ordinal);
        Assert.Null(await known.SignedInNameAsync());
    }

    [Fact]
    public async Task A_wait_is_explained_in_German_to_German_visitors()
    {
        var nobody = PortalBrowser.NewEmail("niemand");
        using var browser = new PortalBrowser(portal, "de", clientAddress: "203.0.113.31");
        FormResult? last = null;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            last = await browser.SignInAsync(nobody, "Falsch!2345");
        }

        Assert.Contains("Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie", last!.Text, StringComparison.Ordinal);
    }
}
