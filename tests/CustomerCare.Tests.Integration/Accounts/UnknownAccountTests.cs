using System.Net;
using System.Text.RegularExpressions;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>Counts what the portal asks of the password hasher, which is the slow part of a sign-in or a registration.</summary>
public sealed class CountingHasher : IPasswordHasher<CareUser>
{
    private readonly PasswordHasher<CareUser> inner = new();
    private int hashes;
    private int verifications;

    public int Hashes => Volatile.Read(ref hashes);

    public int Verifications => Volatile.Read(ref verifications);

    public string HashPassword(CareUser user, string password)
    {
        Interlocked.Increment(ref hashes);
        return inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(CareUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>A portal whose password hasher counts its work.</summary>
public sealed class CountingHasherPortalFactory : PortalFactory
{
    public CountingHasherPortalFactory()
        : base(DatabaseProvider.Sqlite, seedDemo: false)
    {
    }

    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<CareUser>>(Hasher));
    }
}

/// <summary>
/// Whether an e-mail address has an account shows neither in an answer nor in the work behind it: sign-in and
/// registration run the password hasher for an unknown address as for a known one, and say the same.
/// </summary>
public sealed partial class UnknownAccountTests(CountingHasherPortalFactory portal) : IClassFixture<CountingHasherPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_in_with_an_unknown_address_checks_a_password_hash_as_a_known_one_does()
    {
        var known = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new PortalBrowser(portal, clientAddress: "192.0.2.41");
        await browser.GetTextAsync("/Account/Login");

        var before = portal.Hasher.Verifications;
        var forKnown = await browser.SignInAsync(known.Email, "NotHers!2345");
        var afterKnown = portal.Hasher.Verifications;
        var ghost = PortalBrowser.NewEmail("ghost");
        var forUnknown = await browser.SignInAsync(ghost, "NotHers!2345");
        var afterUnknown = portal.Hasher.Verifications;

        Assert.Equal(1, afterKnown - before);
        Assert.Equal(1, afterUnknown - afterKnown);
        Assert.Equal(
            Comparable(forKnown.Text.Replace(known.Email, "ADDRESS", StringComparison.Ordinal)),
            Comparable(forUnknown.Text.Replace(ghost, "ADDRESS", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Registering_an_existing_address_answers_as_for_a_new_one_hashes_alike_and_mails_the_owner()
    {
        var owner = await portal.AddPersonAsync(Roles.Customer, "Olga Owner", ct: Ct);
        var fresh = PortalBrowser.NewEmail("fresh");
        using var browser = new PortalBrowser(portal);

        var hashesBefore = portal.Hasher.Hashes;
        var forNew = await browser.RegisterAsync("Fresh Face", fresh, PortalBrowser.GoodPassword);
        var hashesForNew = portal.Hasher.Hashes - hashesBefore;
        var forExisting = await browser.RegisterAsync("Second Claimant", owner.Email.ToUpperInvariant(), PortalBrowser.GoodPassword);
        var hashesForExisting = portal.Hasher.Hashes - hashesBefore - hashesForNew;

        Assert.Equal(HttpStatusCode.OK, forNew.Status);
        Assert.Equal(forNew.Status, forExisting.Status);
        Assert.Equal(
            Comparable(forNew.Text.Replace(fresh, "ADDRESS", StringComparison.Ordinal)),
            Comparable(forExisting.Text.Replace(owner.Email.ToUpperInvariant(), "ADDRESS", StringComparison.Ordinal)));
        Assert.Contains($"We have sent a mail to {fresh}.", forNew.Text, StringComparison.Ordinal);
        Assert.Equal(1, hashesForNew);
        Assert.Equal(1, hashesForExisting);
        Assert.Null(await browser.SignedInNameAsync());
        var (user, _) = await PortalBrowser.FindAsync(portal, owner.Email);
        Assert.Equal("Olga Owner", user!.DisplayName);
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<CareUser>().VerifyHashedPassword(user, user.PasswordHash!, owner.Password));

        var mail = Assert.Single(await MailsToAsync(owner.Email));
        Assert.Contains("someone tried to register with your address", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("/Account/ForgotPassword", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/Account/Login", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Please confirm", Assert.Single(await MailsToAsync(fresh)).Subject, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_second_registration_attempt_within_minutes_mails_the_owner_only_once()
    {
        var owner = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        using var browser = new PortalBrowser(portal);

        await browser.RegisterAsync("Pest One", owner.Email, PortalBrowser.GoodPassword);
        var second = await browser.RegisterAsync("Pest Two", owner.Email, PortalBrowser.GoodPassword);

        Assert.Contains($"We have sent a mail to {owner.Email}.", second.Text, StringComparison.Ordinal);
        Assert.Single(await MailsToAsync(owner.Email));
    }

    // The page as a stranger would compare it: the (randomly encrypted) component state, antiforgery token and script
    // nonce aside.
    private static string Comparable(string page) =>
        NonceRegex().Replace(TokenRegex().Replace(ComponentStateRegex().Replace(page, ""), ""), "");

    private async Task<List<OutboxMail>> MailsToAsync(string email)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await db.OutboxMails.AsNoTracking().Where(m => m.ToAddress == email).OrderBy(m => m.Id).ToListAsync(Ct);
    }

    [GeneratedRegex("<!--Blazor-Server-Component-State:[^>]*-->")]
    private static partial Regex ComponentStateRegex();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]*\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex NonceRegex();
}
