using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Resources;

namespace CustomerCare.Tests.Integration.Accounts;

public sealed partial class AccountStringsTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    [Fact]
    public void German_translates_every_account_string_with_the_same_placeholders()
    {
        var resources = new ResourceManager(typeof(AccountStrings).FullName!, typeof(AccountStrings).Assembly);
        var english = Entries(resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!);
        var german = Entries(resources.GetResourceSet(CultureInfo.GetCultureInfo("de"), createIfNotExists: true, tryParents: false)!);

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(), german.Keys.Order());
        Assert.All(english, e => Assert.Equal(Placeholders(e.Value), Placeholders(german[e.Key])));
    }

    [Fact]
    public void Every_security_event_kind_has_a_label_in_both_languages()
    {
        var resources = new ResourceManager(typeof(AccountStrings).FullName!, typeof(AccountStrings).Assembly);
        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de") })
        {
            var labels = Entries(resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!);
            var missing = Enum.GetNames<SecurityEventKind>().Where(kind => !labels.ContainsKey($"Security_Kind_{kind}")).ToList();
            Assert.True(missing.Count == 0, $"The security page would show a key for {string.Join(", ", missing)} ({culture.Name}).");
        }
    }

    [Theory]
    [InlineData("/Account/Login", "en")]
    [InlineData("/Account/Register", "en")]
    [InlineData("/Account/ForgotPassword", "en")]
    [InlineData("/Account/ResetPassword?code=abc", "en")]
    [InlineData("/Account/ResetPasswordConfirmation", "en")]
    [InlineData("/Account/Lockout", "en")]
    [InlineData("/Account/ConfirmEmail?userId=x&code=abc", "en")]
    [InlineData("/Account/ResendEmailConfirmation", "en")]
    [InlineData("/Account/ExternalLogin", "en")]
    [InlineData("/Account/Login?external=unavailable&provider=x", "en")]
    [InlineData("/Account/Login", "de")]
    [InlineData("/Account/Register", "de")]
    [InlineData("/Account/ForgotPassword", "de")]
    [InlineData("/Account/ResetPassword?code=abc", "de")]
    [InlineData("/Account/ResetPasswordConfirmation", "de")]
    [InlineData("/Account/Lockout", "de")]
    [InlineData("/Account/ConfirmEmail?userId=x&code=abc", "de")]
    [InlineData("/Account/ResendEmailConfirmation", "de")]
    [InlineData("/Account/ExternalLogin", "de")]
    [InlineData("/Account/Login?external=unavailable&provider=x", "de")]
    public async Task Account_page_shows_no_resource_keys_and_no_bootstrap(string url, string language)
    {
        using var browser = new PortalBrowser(portal, language);

        var page = await browser.GetTextAsync(url);

        Assert.Contains($"<html lang=\"{language}\">", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"account-card\"", page, StringComparison.Ordinal);
        Assert.Empty(ResourceKeyRegex().Matches(page));
        Assert.DoesNotContain("btn-primary", page, StringComparison.Ordinal);
        Assert.DoesNotContain("form-control", page, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Entries(ResourceSet set) =>
        set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static string[] Placeholders(string text) =>
        [.. PlaceholderRegex().Matches(text).Select(m => m.Value).Order()];

    [GeneratedRegex(@"\{[a-z0-9_]+\}")]
    private static partial Regex PlaceholderRegex();

    // A key the localizer did not find is rendered as the key itself, e.g. "Login_Title".
    [GeneratedRegex(@"\b(Field|Validation|Identity|Login|Register|Forgot|Reset|ResetDone|Lockout|Admin|Confirm|Resend|External)_[A-Z][A-Za-z]+\b")]
    private static partial Regex ResourceKeyRegex();
}
