using System.Net;
using System.Text.RegularExpressions;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Accounts;

public sealed partial class PasswordResetTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private const string NewPassword = "Blossom2026";

    [Fact]
    public async Task Reset_link_from_the_mail_sets_a_new_password()
    {
        var email = PortalBrowser.NewEmail("karl");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var browser = new PortalBrowser(portal);

        var asked = await AskForLinkAsync(browser, email);
        var link = await ResetLinkMailedToAsync(email);
        var reset = await ResetAsync(browser, link.PathAndQuery, email, NewPassword);

        Assert.Contains($"If an account exists for {email}, we have sent a link", asked.Text, StringComparison.Ordinal);
        Assert.Equal("/Account/ResetPassword", link.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, reset.Status);
        Assert.Equal("/Account/ResetPasswordConfirmation", reset.Location);
        Assert.Contains("Your new password is saved.", await browser.GetTextAsync(reset.Location!), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync(email, PortalBrowser.GoodPassword)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, NewPassword)).Status);
        Assert.NotNull(await browser.SignedInNameAsync());
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_answer_and_no_mail()
    {
        var known = PortalBrowser.NewEmail("known");
        var unknown = PortalBrowser.NewEmail("unknown");
        await PortalBrowser.CreateUserAsync(portal, known);
        using var browser = new PortalBrowser(portal);

        var forKnown = await AskForLinkAsync(browser, known);
        var forUnknown = await AskForLinkAsync(browser, unknown);

        Assert.Equal(forKnown.Status, forUnknown.Status);
        Assert.Equal(Comparable(forKnown.Text, known), Comparable(forUnknown.Text, unknown));
        Assert.NotNull(await MailToAsync(known));
        Assert.DoesNotContain(MailFiles(), file => File.ReadAllText(file).Contains(unknown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reset_with_a_forged_code_is_refused_with_a_clear_message()
    {
        var email = PortalBrowser.NewEmail("lena");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var browser = new PortalBrowser(portal);

        var reset = await ResetAsync(browser, "/Account/ResetPassword?code=bm90LWEtcmVhbC10b2tlbg", email, NewPassword);

        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Contains("This link is invalid or has expired", reset.Text, StringComparison.Ordinal);
        Assert.Equal(email, reset.ValueOf("Email"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, PortalBrowser.GoodPassword)).Status);
    }

    [Fact]
    public async Task Reset_page_without_a_code_says_the_link_is_invalid()
    {
        using var browser = new PortalBrowser(portal);

        var page = await browser.GetTextAsync("/Account/ResetPassword");

        Assert.Contains("This link is invalid or has expired", page, StringComparison.Ordinal);
        Assert.Contains("href=\"Account/ForgotPassword\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weak_new_password_is_refused_at_the_password_field()
    {
        var email = PortalBrowser.NewEmail("mia");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var browser = new PortalBrowser(portal);
        await AskForLinkAsync(browser, email);
        var link = await ResetLinkMailedToAsync(email);

        var reset = await ResetAsync(browser, link.PathAndQuery, email, "short");

        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Contains("The password needs at least 8 characters.", reset.MessagesFor("Password"));
    }

    // The page as a stranger would compare it: the address typed in and the (randomly encrypted) component state aside.
    // What differs between two answers of the same page anyway: the component state and the script nonce.
    private static string Comparable(string page, string email) =>
        NonceRegex().Replace(ComponentStateRegex().Replace(page.Replace(email, "ADDRESS", StringComparison.Ordinal), ""), "");

    private static Task<FormResult> AskForLinkAsync(PortalBrowser browser, string email) =>
        browser.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

    // The page's hidden Input.Code field carries the code from the link into the POST.
    private static Task<FormResult> ResetAsync(PortalBrowser browser, string url, string email, string password) =>
        browser.SubmitAsync(url, "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    private async Task<Uri> ResetLinkMailedToAsync(string email)
    {
        var mail = await MailToAsync(email);
        Assert.NotNull(mail);
        var link = ResetLinkRegex().Match(mail);
        Assert.True(link.Success, "The mail holds no reset link:\n" + mail);
        return new Uri(link.Value);
    }

    // Account mails go through the outbox: the sender writes them moments after the request.
    private async Task<string?> MailToAsync(string email)
    {
        for (var deadline = DateTime.UtcNow + TestTimeouts.Wait; DateTime.UtcNow < deadline; await Task.Delay(100, TestContext.Current.CancellationToken))
        {
            foreach (var file in MailFiles())
            {
                var mail = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
                if (mail.Contains($"<{email}>", StringComparison.Ordinal))
                {
                    return mail;
                }
            }
        }

        return null;
    }

    private string[] MailFiles() =>
        Directory.Exists(portal.MailFolder) ? Directory.GetFiles(portal.MailFolder, "*.eml") : [];

    [GeneratedRegex("<!--Blazor-Server-Component-State:[^>]*-->")]
    private static partial Regex ComponentStateRegex();

    [GeneratedRegex(" nonce=\"[^\"]*\"")]
    private static partial Regex NonceRegex();

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?code=[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLinkRegex();
}
