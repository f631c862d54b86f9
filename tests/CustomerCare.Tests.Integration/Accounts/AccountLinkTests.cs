using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Live;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>A portal without <c>Portal:PublicUrl</c>, in the environment a test names, whose log the test reads.</summary>
public sealed class NoPublicUrlPortal : PortalFactory
{
    private readonly string environment;

    public NoPublicUrlPortal(string environment)
        : base(DatabaseProvider.Sqlite, seedDemo: false)
    {
        this.environment = environment;
        With("Portal:PublicUrl", "");
    }

    internal RecordingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>
/// Links in account mails come from <c>Portal:PublicUrl</c> only. Without it, a portal outside Development says so at
/// start-up and refuses such mails (logged), whatever Host a request names; Development alone falls back to the
/// request's own address, so <c>dotnet run</c> needs no setting.
/// </summary>
public sealed partial class AccountLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Outside_development_without_a_public_address_start_up_says_so_and_reset_mails_are_refused()
    {
        await using var portal = new NoPublicUrlPortal(Environments.Production);
        var person = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new PortalBrowser(portal, host: "attacker.example");

        var asked = await browser.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = person.Email });

        Assert.Contains($"If an account exists for {person.Email}, we have sent a link", asked.Text, StringComparison.Ordinal);
        Assert.Equal(1, portal.Logs.Count(LogLevel.Error, "Portal:PublicUrl is not set: password reset and address confirmation mails are refused"));
        Assert.Equal(1, portal.Logs.Count(LogLevel.Error, "The password reset mail was not sent: Portal:PublicUrl is not set"));
        Assert.Empty(await MailsToAsync(portal, person.Email));
    }

    [Fact]
    public async Task In_development_without_a_public_address_the_link_uses_the_requests_own_address()
    {
        await using var portal = new NoPublicUrlPortal(Environments.Development);
        var person = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new PortalBrowser(portal);

        await browser.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = person.Email });

        var mail = Assert.Single(await MailsToAsync(portal, person.Email));
        Assert.StartsWith("http://localhost/Account/ResetPassword?code=", LinkRegex().Match(mail.TextBody).Value, StringComparison.Ordinal);
        Assert.Equal(0, portal.Logs.Count(LogLevel.Error, "Portal:PublicUrl"));
    }

    [Fact]
    public async Task A_public_address_that_is_no_http_address_stops_start_up_naming_the_setting()
    {
        await using var portal = new NoPublicUrlPortal(Environments.Production);
        portal.With("Portal:PublicUrl", "feedback.example.com");

        var failure = Assert.ThrowsAny<Exception>(() => portal.Services);

        Assert.Contains("Portal:PublicUrl must be the portal's absolute http(s) address", failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<OutboxMail>> MailsToAsync(NoPublicUrlPortal portal, string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await db.OutboxMails.AsNoTracking().Where(m => m.ToAddress == email).ToListAsync(Ct);
    }

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?code=\S+")]
    private static partial Regex LinkRegex();
}
