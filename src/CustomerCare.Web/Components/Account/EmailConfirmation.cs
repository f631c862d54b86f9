using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Notifications.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Components.Account;

/// <summary>Where notification mails go and whether they may: only confirmed addresses get them.</summary>
public sealed record MailAddressState(string? Email, bool Confirmed);

public enum ConfirmationMailResult
{
    Sent,

    /// <summary>One went out less than <see cref="EmailConfirmation.ResendInterval"/> ago: no second one yet.</summary>
    TooSoon,

    AlreadyConfirmed,

    NoAccount,

    /// <summary>No trustworthy address for the link (<c>Portal:PublicUrl</c> unset outside Development): not sent, logged.</summary>
    NoLink,
}

/// <summary>
/// Sends the confirmation link (through <see cref="IEmailSender{TUser}"/>, so the outbox) and applies it. Each call
/// takes its own scope: a circuit lives long, and Identity's stores hold a DbContext.
/// </summary>
public sealed partial class EmailConfirmation(
    IDbContextFactory<CareDb> dbs, IServiceScopeFactory scopes, AccountLinks links, TimeProvider time, ILogger<EmailConfirmation> log)
{
    public const string Path = "Account/ConfirmEmail";

    /// <summary>The resend button must not become a way to flood someone's inbox.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(5);

    // Kept with Identity's per-user tokens (AspNetUserTokens), so the limit holds across servers and restarts without a column.
    private const string TokenProvider = "CustomerCare";
    private const string SentAtToken = "ConfirmationMailSentAt";
    private const string AttemptSentAtToken = "RegistrationAttemptMailSentAt";

    public async Task<MailAddressState?> AddressOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new MailAddressState(u.Email, u.EmailConfirmed)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Queues a confirmation mail unless the address is confirmed or one went out within the last minutes.</summary>
    /// <param name="requestBaseUri">The link's root when <c>Portal:PublicUrl</c> is not set.</param>
    public async Task<ConfirmationMailResult> SendAsync(string userId, string requestBaseUri)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user?.Email is null)
        {
            return ConfirmationMailResult.NoAccount;
        }

        if (user.EmailConfirmed)
        {
            return ConfirmationMailResult.AlreadyConfirmed;
        }

        if (links.For(Path, requestBaseUri, "address confirmation") is not { } confirmPage)
        {
            return ConfirmationMailResult.NoLink;
        }

        if (!await ClaimTurnAsync(users, user, SentAtToken))
        {
            LogTooSoon(user.Id);
            return ConfirmationMailResult.TooSoon;
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = QueryHelpers.AddQueryString(
            confirmPage.AbsoluteUri,
            new Dictionary<string, string?> { ["userId"] = user.Id, ["code"] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)) });

        // IEmailSender<T> takes the link HTML-encoded, as it may be put into an HTML body.
        await scope.ServiceProvider.GetRequiredService<IEmailSender<CareUser>>().SendConfirmationLinkAsync(user, user.Email, HtmlEncoder.Default.Encode(link));
        return ConfirmationMailResult.Sent;
    }

    /// <summary>
    /// Someone registered with an address that has an account: its owner is told so, with the ways back in (sign in,
    /// reset the password), at most once per <see cref="ResendInterval"/> so the form cannot flood their inbox.
    /// </summary>
    public async Task<bool> SendRegistrationAttemptAsync(string userId, string requestBaseUri)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user?.Email is null
            || links.For("Account/Login", requestBaseUri, "registration attempt") is not { } signIn
            || links.For("Account/ForgotPassword", requestBaseUri, "registration attempt") is not { } reset)
        {
            return false;
        }

        if (!await ClaimTurnAsync(users, user, AttemptSentAtToken))
        {
            LogTooSoon(user.Id);
            return false;
        }

        await scope.ServiceProvider.GetRequiredService<AccountMailSender>().SendRegistrationAttemptAsync(user, user.Email, signIn.AbsoluteUri, reset.AbsoluteUri);
        return true;
    }

    /// <summary>Applies a link from the mail; false (and nothing changed) when the account, the code or its age is wrong.</summary>
    public async Task<bool> ConfirmAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code))
        {
            return false;
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            LogRefused(userId);
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null || !(await users.ConfirmEmailAsync(user, token)).Succeeded)
        {
            LogRefused(userId);
            return false;
        }

        LogConfirmed(user.Id);
        return true;
    }

    // Claimed before the mail is queued: a double click finds the new time and sends nothing.
    private async Task<bool> ClaimTurnAsync(UserManager<CareUser> users, CareUser user, string tokenName)
    {
        var now = time.GetUtcNow();
        var last = await users.GetAuthenticationTokenAsync(user, TokenProvider, tokenName);
        if (DateTimeOffset.TryParse(last, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt) && now - sentAt < ResendInterval)
        {
            return false;
        }

        await users.SetAuthenticationTokenAsync(user, TokenProvider, tokenName, now.ToString("O", CultureInfo.InvariantCulture));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account mail for {UserId} not sent again: the last one is too recent")]
    private partial void LogTooSoon(string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A confirmation link for {UserId} with a wrong, altered or expired code was refused; nothing changed")]
    private partial void LogRefused(string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} confirmed their e-mail address")]
    private partial void LogConfirmed(string userId);
}
