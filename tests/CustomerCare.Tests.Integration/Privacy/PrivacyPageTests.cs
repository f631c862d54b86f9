using System.Text.RegularExpressions;
using CustomerCare.Data.Seeding;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Integration.Localization;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Components;

namespace CustomerCare.Tests.Integration.Privacy;

/// <summary>The privacy notice that ships with the portal, in both languages, and the links that lead to it.</summary>
public sealed partial class PrivacyPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string NoticeFolder = Path.Combine(SourceTree.Root, "src", "CustomerCare.Web", "Features", "Privacy", "Notices");

    [Theory]
    [InlineData("en", "Who is responsible", "Wer verantwortlich ist")]
    [InlineData("de", "Wer verantwortlich ist", "Who is responsible")]
    public async Task The_notice_speaks_the_visitors_language_names_the_company_and_has_one_h1(string language, string heading, string otherHeading)
    {
        using var browser = new PortalBrowser(portal, language);

        var html = await browser.GetTextAsync("/privacy");

        Assert.Contains($"<h1", html, StringComparison.Ordinal);
        Assert.Single(H1().Matches(html));
        Assert.Contains(SourceTree.Text("Privacy_Title", language == "en" ? "" : language), H1().Match(html).Value, StringComparison.Ordinal);
        Assert.Contains($">{heading}</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(otherHeading, html, StringComparison.Ordinal);
        Assert.Contains("<strong>Lindenhof Energie</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        // No Privacy:Contact in the test portal: the notice says so rather than leaving a gap.
        Assert.Contains(SourceTree.Text("Privacy_ContactMissing", language == "en" ? "" : language), html, StringComparison.Ordinal);
        Assert.Equal([2], HeadingLevels(html).Skip(1).Distinct());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/privacy")]
    public async Task Every_page_has_the_footer_with_the_link_to_the_notice(string page)
    {
        using var browser = new PortalBrowser(portal);

        var html = await browser.GetTextAsync(page);

        var footer = Footer().Match(html);
        Assert.True(footer.Success, $"{page} has no footer");
        Assert.Contains($"<a href=\"privacy\" data-testid=\"footer-privacy\">{SourceTree.Text("Privacy_Title")}</a>", footer.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    public async Task Registration_says_what_the_person_agrees_to_and_links_the_notice_above_the_button(string language)
    {
        using var browser = new PortalBrowser(portal, language);
        var strings = SourceTree.ReadResx(Path.Combine(SourceTree.WebResources, language == "en" ? "AccountStrings.resx" : $"AccountStrings.{language}.resx"));
        var sentence = strings["Register_Consent"].Replace("{0}", $"<a href=\"privacy\">{strings["Register_ConsentLink"]}</a>", StringComparison.Ordinal);

        var html = await browser.GetTextAsync("/Account/Register");

        var consent = html.IndexOf(sentence, StringComparison.Ordinal);
        Assert.True(consent >= 0, "The registration form does not say what the person agrees to.");
        Assert.True(consent < html.IndexOf("data-testid=\"register-submit\"", StringComparison.Ordinal), "The sentence comes after the button.");
    }

    // Every cookie the portal sets over a visit (pages, a form, sign-in with "stay signed in", a language switch, sign-out)
    // is named in both notices, so a new cookie without an entry fails here.
    [Fact]
    public async Task Both_notices_name_every_cookie_the_portal_sets()
    {
        using var browser = new PortalBrowser(portal);
        await browser.GetTextAsync("/");
        var signIn = await browser.SubmitAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = DemoAccounts.Customer.Email,
            ["Input.Password"] = DemoAccounts.Customer.Password,
            ["Input.RememberMe"] = "true",
        });
        Assert.Equal(DemoAccounts.Customer.DisplayName, await browser.SignedInNameAsync());
        Assert.NotNull(signIn.Location);
        using (await browser.GetAsync("/culture/set?culture=de&redirectUri=/"))
        {
        }

        await browser.GetTextAsync("/ideas");
        await browser.GetTextAsync("/account/notifications");
        var names = browser.Cookies.GetAllCookies().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        using (await browser.SignOutAsync())
        {
        }

        names.UnionWith(browser.Cookies.GetAllCookies().Select(c => c.Name));
        // The theme cookie is written by the page's script (app.js) when someone picks dark or light, never by the server.
        names.Add(ThemePreference.CookieName);
        Assert.Contains(".AspNetCore.Identity.Application", names);
        Assert.Contains(".AspNetCore.Culture", names);
        Assert.Contains(names, n => n.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));

        foreach (var notice in new[] { "notice-en.md", "notice-de.md" })
        {
            var named = CookieEntry().Matches(File.ReadAllText(Path.Combine(NoticeFolder, notice))).Select(m => m.Groups[1].Value).ToList();
            var missing = names.Where(name => !named.Any(entry => entry.EndsWith('*')
                ? name.StartsWith(entry[..^1], StringComparison.Ordinal)
                : name == entry)).ToList();
            Assert.True(missing.Count == 0, $"{notice} does not name the cookies {string.Join(", ", missing)}");
        }
    }

    private static IEnumerable<int> HeadingLevels(string html) =>
        Heading().Matches(html).Select(m => m.Groups[1].Value[0] - '0');

    [GeneratedRegex("<h1[^>]*>.*?</h1>", RegexOptions.Singleline)]
    private static partial Regex H1();

    [GeneratedRegex("<h([1-6])[\\s>]")]
    private static partial Regex Heading();

    [GeneratedRegex("<footer[^>]*>.*?</footer>", RegexOptions.Singleline)]
    private static partial Regex Footer();

    // A cookie's entry in the notice's list: "- `name` what it does …".
    [GeneratedRegex("^- `([^`]+)`", RegexOptions.Multiline)]
    private static partial Regex CookieEntry();
}
