using System.Globalization;
using System.Net;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>
/// Password reset and e-mail confirmation take the same path as every other mail: the outbox (retried, never sent
/// twice), SMTP or the pickup folder. Written in the person's mail language, else the language of the page they used.
/// Without SMTP, or in Development, the link is also logged, so nobody is locked out while mail is not set up.
/// </summary>
public sealed partial class AccountMailSender(
    MailQueue queue, MailStrings strings, IOptions<MailOptions> options, IOptions<PortalOptions> portal, IHostEnvironment environment,
    ILogger<AccountMailSender> log) : IEmailSender<CareUser>
{
    // Identity hands links HTML-encoded (they may go into an HTML body); the layout encodes itself, so decode first.
    public Task SendConfirmationLinkAsync(CareUser user, string email, string confirmationLink) =>
        EnqueueAsync(user, email, "Mail_Confirm_Subject", "Mail_Confirm_Text", "Mail_Confirm_Link", WebUtility.HtmlDecode(confirmationLink), null);

    public Task SendPasswordResetLinkAsync(CareUser user, string email, string resetLink) =>
        EnqueueAsync(user, email, "Mail_Reset_Subject", "Mail_Reset_Text", "Mail_Reset_Link", WebUtility.HtmlDecode(resetLink), null);

    public Task SendPasswordResetCodeAsync(CareUser user, string email, string resetCode) =>
        EnqueueAsync(user, email, "Mail_ResetCode_Subject", "Mail_ResetCode_Text", null, null, resetCode);

    /// <summary>
    /// Someone registered with <paramref name="email"/>, which has an account: the owner learns it (the form told the
    /// registrant only "check your mail") and gets the ways back in.
    /// </summary>
    public Task SendRegistrationAttemptAsync(CareUser user, string email, string signInLink, string resetLink)
    {
        ArgumentNullException.ThrowIfNull(user);
        var culture = CultureOf(user);
        return EnqueueAsync(user, email, "Mail_Registered_Subject",
        [
            new MailSection(null, [strings.Get(culture, "Mail_Registered_Text", portal.Value.Name)], strings.Get(culture, "Mail_Registered_SignIn"), signInLink),
            new MailSection(null, [strings.Get(culture, "Mail_Registered_Forgot")], strings.Get(culture, "Mail_Registered_Reset"), resetLink),
        ], resetLink);
    }

    private Task EnqueueAsync(CareUser user, string email, string subjectKey, string textKey, string? linkKey, string? link, string? code)
    {
        ArgumentNullException.ThrowIfNull(user);
        var culture = CultureOf(user);
        var lines = new List<string> { strings.Get(culture, textKey) };
        if (code is not null)
        {
            lines.Add(code);
        }

        return EnqueueAsync(user, email, subjectKey, [new MailSection(null, lines, linkKey is null ? null : strings.Get(culture, linkKey), link)], link ?? code);
    }

    private async Task EnqueueAsync(CareUser user, string email, string subjectKey, IReadOnlyList<MailSection> sections, string? link)
    {
        var culture = CultureOf(user);
        var (text, html) = MailLayout.Render(
            strings.Get(culture, "Mail_Greeting", user.DisplayName),
            sections,
            new MailFooter(strings.Get(culture, "Mail_Why_Account", portal.Value.Name)));
        var subject = strings.Get(culture, subjectKey, portal.Value.Name);
        await queue.EnqueueAsync(new($"account:{Guid.NewGuid():N}", user.Id, email, user.DisplayName, subject, text, html));
        if (!options.Value.UsesSmtp || environment.IsDevelopment())
        {
            LogLink(subject, email, link ?? "");
        }
    }

    private static CultureInfo CultureOf(CareUser user) =>
        user.Language is null ? CultureFor(CultureInfo.CurrentUICulture) : MailStrings.CultureFor(user.Language);

    private static CultureInfo CultureFor(CultureInfo current) => MailStrings.CultureFor(current.TwoLetterISOLanguageName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail \"{Subject}\" to {To} queued (no SMTP or Development, so here is the link: {Link})")]
    private partial void LogLink(string subject, string to, string link);
}
