using System.Net;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>
/// The account forms a stranger can post take only so many posts per client address and per account named (RateLimits),
/// then answer 429 with Retry-After and a page that says why. Each test has its own portal: the counts are per server.
/// Windows are set to a day so that no token comes back while a test on a slow machine is still posting.
/// </summary>
public sealed class RequestRateLimitTests
{
    private static readonly RateLimitOptions Defaults = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Forms() => ["SignIn", "Registration", "ForgotPassword", "ResendConfirmation"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Posts_of_a_form_from_one_address_beyond_its_limit_are_answered_429_with_Retry_After(string form)
    {
        await using var portal = new EmptyPortalFactory().With($"RateLimits:{form}:Window", "1.00:00:00");
        var allowed = Limit(form).PerAddress;

        var accepted = new List<HttpStatusCode>();
        for (var i = 0; i < allowed; i++)
        {
            using var browser = new PortalBrowser(portal);
            accepted.Add((await PostAsync(browser, form, PortalBrowser.NewEmail($"try{i}"))).Status);
        }

        using var last = new PortalBrowser(portal);
        var refused = await PostAsync(last, form, PortalBrowser.NewEmail("one-more"));

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, accepted);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task Posts_naming_one_account_beyond_its_limit_are_refused_from_any_address()
    {
        await using var portal = new EmptyPortalFactory().With("RateLimits:ForgotPassword:Window", "1.00:00:00");
        var root = portal.StartRealServer();
        var allowed = Defaults.ForgotPassword.PerAccount;

        var accepted = new List<HttpStatusCode>();
        for (var i = 0; i < allowed; i++)
        {
            using var browser = new PortalBrowser(root, $"198.51.100.{i + 1}");
            accepted.Add((await PostAsync(browser, "ForgotPassword", i % 2 == 0 ? "anna@example.com" : " ANNA@Example.com")).Status);
        }

        using var elsewhere = new PortalBrowser(root, "203.0.113.50");
        var refused = await PostAsync(elsewhere, "ForgotPassword", "Anna@example.com");
        var otherAccount = await PostAsync(elsewhere, "ForgotPassword", "bernd@example.com");

        Assert.All(accepted, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.NotNull(refused.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, otherAccount.Status);
    }

    [Fact]
    public async Task Another_client_address_still_signs_in_while_one_is_refused()
    {
        await using var portal = new EmptyPortalFactory().With("RateLimits:SignIn:PerAddress", "3").With("RateLimits:SignIn:Window", "1.00:00:00");
        var root = portal.StartRealServer();
        var email = PortalBrowser.NewEmail("ruth");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var flooding = new PortalBrowser(root, "198.51.100.7");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await flooding.SignInAsync(PortalBrowser.NewEmail("guess"), "Guess123456")).Status);
        }

        var refused = await flooding.SignInAsync(email, PortalBrowser.GoodPassword);
        using var ruth = new PortalBrowser(root, "203.0.113.9");
        var signedIn = await ruth.SignInAsync(email, PortalBrowser.GoodPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
    }

    [Theory]
    [InlineData("de", "Zu viele Versuche", "Bitte warten Sie", "Zurück zum Formular")]
    [InlineData("en", "Too many attempts", "Please wait", "Back to the form")]
    public async Task A_refused_browser_reads_why_in_its_language_and_finds_the_way_back(string language, string title, string wait, string back)
    {
        await using var portal = new EmptyPortalFactory().With("RateLimits:SignIn:PerAddress", "1").With("RateLimits:SignIn:Window", "1.00:00:00");
        using var browser = new PortalBrowser(portal, language).AcceptingHtml();
        await browser.SignInAsync(PortalBrowser.NewEmail("first"), "Guess123456");

        var refused = await browser.SignInAsync(PortalBrowser.NewEmail("second"), "Guess123456", "/Account/Login?ReturnUrl=%2Froadmap");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains($"<html lang=\"{language}\">", refused.Html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{title}</h1>", refused.Text, StringComparison.Ordinal);
        Assert.Contains(wait, refused.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/Account/Login?ReturnUrl=%2Froadmap\">{back}</a>", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_is_no_browser_gets_the_reason_as_plain_text()
    {
        await using var portal = new EmptyPortalFactory().With("RateLimits:SignIn:PerAddress", "1").With("RateLimits:SignIn:Window", "1.00:00:00");
        using var browser = new PortalBrowser(portal);
        await browser.SignInAsync(PortalBrowser.NewEmail("first"), "Guess123456");

        var refused = await browser.SignInAsync(PortalBrowser.NewEmail("second"), "Guess123456");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.StartsWith("This form was sent from your connection more often than we accept in a short time.", refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Showing_the_forms_is_never_limited()
    {
        await using var portal = new EmptyPortalFactory().With("RateLimits:SignIn:PerAddress", "1").With("RateLimits:SignIn:Window", "1.00:00:00");
        using var browser = new PortalBrowser(portal);
        await browser.SignInAsync(PortalBrowser.NewEmail("first"), "Guess123456");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.SignInAsync(PortalBrowser.NewEmail("second"), "Guess123456")).Status);

        for (var i = 0; i < 5; i++)
        {
            using var page = await browser.GetAsync("/Account/Login");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using var register = new PortalBrowser(portal);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostAsync(register, "Registration", PortalBrowser.NewEmail("other-form"))).Status);
    }

    private static RequestLimit Limit(string form) => (RequestLimit)typeof(RateLimitOptions).GetProperty(form)!.GetValue(Defaults)!;

    // One post of the form, naming the address; the registration is refused by its own rules (the passwords differ),
    // which still counts: the limit is on posts, whatever becomes of them.
    private static Task<FormResult> PostAsync(PortalBrowser browser, string form, string email) => form switch
    {
        "SignIn" => browser.SignInAsync(email, "Guess123456"),
        "Registration" => browser.RegisterAsync("Test Person", email, PortalBrowser.GoodPassword, "Different123"),
        "ForgotPassword" => browser.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email }),
        "ResendConfirmation" => browser.SubmitAsync(
            "/Account/ResendEmailConfirmation", "resend-confirmation", new Dictionary<string, string> { ["Input.Email"] = email }),
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
    };
}
