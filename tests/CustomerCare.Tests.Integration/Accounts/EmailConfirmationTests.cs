using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Accounts;

public sealed partial class EmailConfirmationTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registering_queues_one_confirmation_mail_in_the_visitors_language_with_an_absolute_link()
    {
        using var browser = new PortalBrowser(portal, "de");
        var email = PortalBrowser.NewEmail("greta");

        var result = await browser.RegisterAsync("Greta Huber", email, PortalBrowser.GoodPassword);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains($"Wir haben eine Mail an {email} geschickt.", result.Text, StringComparison.Ordinal);
        Assert.Null(await browser.SignedInNameAsync());
        var mail = Assert.Single(await MailsToAsync(email));
        Assert.Contains("Bitte bestätigen Sie Ihre E-Mail-Adresse", mail.Subject, StringComparison.Ordinal);
        Assert.True(LinkRegex().IsMatch(mail.TextBody), "No absolute confirmation link in:\n" + mail.TextBody);
        var (user, _) = await PortalBrowser.FindAsync(portal, email);
        Assert.False(user!.EmailConfirmed);
        Assert.Equal("de", user.Language);
    }

    [Fact]
    public async Task Following_the_link_confirms_the_address_and_the_page_says_so()
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("hugo");
        await browser.RegisterAsync("Hugo", email, PortalBrowser.GoodPassword);
        var link = await LinkMailedToAsync(email);

        var page = await browser.GetTextAsync(link.PathAndQuery);
        await browser.SignInAsync(email, PortalBrowser.GoodPassword);

        Assert.Contains("your e-mail address is confirmed", page, StringComparison.Ordinal);
        Assert.True((await PortalBrowser.FindAsync(portal, email)).User!.EmailConfirmed);
        Assert.Equal("Hugo", await browser.SignedInNameAsync());
        Assert.DoesNotContain("data-testid=\"user-unconfirmed\"", await browser.GetTextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_unconfirmed_user_sees_the_reminder_in_the_app_bar()
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("ida");
        await browser.RegisterAsync("Ida", email, PortalBrowser.GoodPassword);
        await browser.SignInAsync(email, PortalBrowser.GoodPassword);

        var home = await browser.GetTextAsync("/");

        Assert.Contains("data-testid=\"user-unconfirmed\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_settings_page_names_the_unconfirmed_address_until_it_is_confirmed()
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("lotte");
        await browser.RegisterAsync("Lotte", email, PortalBrowser.GoodPassword);
        await browser.SignInAsync(email, PortalBrowser.GoodPassword);

        var before = await browser.GetTextAsync("/account/notifications");
        await browser.GetTextAsync((await LinkMailedToAsync(email)).PathAndQuery);
        var after = await browser.GetTextAsync("/account/notifications");

        Assert.Contains($"Until you confirm {email} with the link from our mail, no notification mails are sent.", before, StringComparison.Ordinal);
        Assert.Contains("Send confirmation mail again", before, StringComparison.Ordinal);
        Assert.Contains($"Notification mails go to {email} (confirmed).", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Send confirmation mail again", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_code_is_refused_with_a_message_and_the_address_stays_unconfirmed()
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("jonas");
        await browser.RegisterAsync("Jonas", email, PortalBrowser.GoodPassword);
        var link = await LinkMailedToAsync(email);
        var tampered = link.PathAndQuery[..^4] + (link.PathAndQuery.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var page = await browser.GetTextAsync(tampered);
        var garbage = await browser.GetTextAsync(link.AbsolutePath + "?userId=nobody&code=bm9ib2R5");

        Assert.Contains("This confirmation link is invalid or has expired. Nothing was changed.", page, StringComparison.Ordinal);
        Assert.Contains("This confirmation link is invalid or has expired.", garbage, StringComparison.Ordinal);
        Assert.False((await PortalBrowser.FindAsync(portal, email)).User!.EmailConfirmed);
    }

    [Fact]
    public async Task Resend_queues_a_new_mail_but_at_most_one_every_few_minutes()
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("kira");
        await browser.RegisterAsync("Kira", email, PortalBrowser.GoodPassword);

        var tooSoon = await ResendAsync(browser, email);
        var afterRegistering = (await MailsToAsync(email)).Count;
        await BackdateLastMailAsync(email);
        await ResendAsync(browser, email);
        await ResendAsync(browser, email);
        var afterResending = await MailsToAsync(email);

        Assert.Contains($"If an account with an unconfirmed address {email} exists", tooSoon.Text, StringComparison.Ordinal);
        Assert.Equal(1, afterRegistering);
        Assert.Equal(2, afterResending.Count);
        var links = afterResending.Select(m => LinkRegex().Match(m.TextBody).Value).ToList();
        Assert.NotEqual(links[0], links[1]);
        Assert.Contains("your e-mail address is confirmed", await browser.GetTextAsync(new Uri(links[1]).PathAndQuery), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_for_an_unknown_address_gives_the_same_answer_and_sends_nothing()
    {
        using var browser = new PortalBrowser(portal);
        var email = PortalBrowser.NewEmail("ghost");

        var result = await ResendAsync(browser, email);

        Assert.Contains($"If an account with an unconfirmed address {email} exists", result.Text, StringComparison.Ordinal);
        Assert.Empty(await MailsToAsync(email));
    }

    private static Task<FormResult> ResendAsync(PortalBrowser browser, string email) =>
        browser.SubmitAsync("/Account/ResendEmailConfirmation", "resend-confirmation", new Dictionary<string, string> { ["Input.Email"] = email });

    private async Task<Uri> LinkMailedToAsync(string email)
    {
        var mail = Assert.Single(await MailsToAsync(email));
        var link = LinkRegex().Match(mail.TextBody);
        Assert.True(link.Success, "No confirmation link in:\n" + mail.TextBody);
        return new Uri(link.Value);
    }

    // The outbox row is written before the page answers, so no waiting for the sender.
    private async Task<List<OutboxMail>> MailsToAsync(string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await db.OutboxMails.AsNoTracking().Where(m => m.ToAddress == email).OrderBy(m => m.Id).ToListAsync(Ct);
    }

    // As if the last confirmation mail went out ten minutes ago.
    private async Task BackdateLastMailAsync(string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
        var earlier = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O", CultureInfo.InvariantCulture);
        Assert.Equal(1, await db.UserTokens.Where(t => t.UserId == userId && t.Name == "ConfirmationMailSentAt")
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, earlier), Ct));
    }

    [GeneratedRegex(@"https?://[^\s/]+/Account/ConfirmEmail\?userId=[^&\s]+&code=[A-Za-z0-9_\-]+")]
    private static partial Regex LinkRegex();
}
