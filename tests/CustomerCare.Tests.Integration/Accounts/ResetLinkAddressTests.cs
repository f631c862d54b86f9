using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>A portal that knows its public address, as production should.</summary>
public sealed class PublicUrlPortalFactory : PortalFactory
{
    public const string PublicUrl = "https://feedback.lindenhof.example";

    public PublicUrlPortalFactory()
        : base(DatabaseProvider.Sqlite, seedDemo: false) => With("Portal:PublicUrl", PublicUrl);
}

public sealed partial class ResetLinkAddressTests(PublicUrlPortalFactory portal) : IClassFixture<PublicUrlPortalFactory>
{
    [Fact]
    public async Task Reset_link_points_to_the_public_address_even_when_the_request_names_another_host()
    {
        var email = PortalBrowser.NewEmail("host");
        await PortalBrowser.CreateUserAsync(portal, email);
        using var browser = new PortalBrowser(portal, host: "attacker.example");

        await browser.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

        string? mail = null;
        for (var deadline = DateTime.UtcNow + TestTimeouts.Wait; mail is null && DateTime.UtcNow < deadline; await Task.Delay(100, TestContext.Current.CancellationToken))
        {
            mail = (Directory.Exists(portal.MailFolder) ? Directory.GetFiles(portal.MailFolder, "*.eml") : [])
                .Select(File.ReadAllText)
                .SingleOrDefault(m => m.Contains($"<{email}>", StringComparison.Ordinal));
        }

        Assert.NotNull(mail);
        var link = LinkRegex().Match(mail).Value;
        Assert.StartsWith(PublicUrlPortalFactory.PublicUrl + "/Account/ResetPassword?code=", link, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", mail, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?code=\S+")]
    private static partial Regex LinkRegex();
}
