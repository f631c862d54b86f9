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

    private async Task EnqueueAsync(CareUser user, string email, string subjectKey, string textKey, string? linkKey, string? link, string? code)
    {
        ArgumentNullException.ThrowIfNull(user);
        var culture = user.Language is null ? CultureFor(CultureInfo.CurrentUICulture) : MailStrings.CultureFor(user.Language);
        var lines = new List<string> { strings.Get(culture, textKey) };
        if (code is not null)
        {
            lines.Add(code);
        }

        var (text, html) = MailLayout.Render(
            strings.Get(culture, "Mail_Greeting", user.DisplayName),
            [new MailSection(null, lines, linkKey is null ? null : strings.Get(culture, linkKey), link)],
            new MailFooter(strings.Get(culture, "Mail_Why_Account", portal.Value.Name)));
        var subject = strings.Get(culture, subjectKey, portal.Value.Name);
        await queue.EnqueueAsync(new($"account:{Guid.NewGuid():N}", user.Id, email, user.DisplayName, subject, text, html));
        if (!options.Value.UsesSmtp || environment.IsDevelopment())
        {
            LogLink(subject, email, link ?? code ?? "");
        }
    }

    private static CultureInfo CultureFor(CultureInfo current) => MailStrings.CultureFor(current.TwoLetterISOLanguageName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail \"{Subject}\" to {To} queued (no SMTP or Development, so here is the link: {Link})")]
    private partial void LogLink(string subject, string to, string link);
}
