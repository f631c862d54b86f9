using System.Globalization;
using System.Net;
using System.Text;
using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// Until the notifications issue brings SMTP, account mails are written as .eml files into the pickup
/// folder (open them with any mail program) and the link is logged, so nobody is locked out of a reset.
/// </summary>
public sealed class PickupFolderEmailSender(IOptions<MailOptions> options, TimeProvider time, ILogger<PickupFolderEmailSender> logger)
    : IEmailSender<CareUser>
{
    public Task SendConfirmationLinkAsync(CareUser user, string email, string confirmationLink) =>
        WriteAsync(email, "Confirm your e-mail", $"Please confirm your account: {confirmationLink}", confirmationLink);

    public Task SendPasswordResetLinkAsync(CareUser user, string email, string resetLink) =>
        WriteAsync(email, "Reset your password", $"Choose a new password here: {resetLink}", resetLink);

    public Task SendPasswordResetCodeAsync(CareUser user, string email, string resetCode) =>
        WriteAsync(email, "Your password reset code", $"Your code: {resetCode}", null);

    private async Task WriteAsync(string to, string subject, string text, string? link)
    {
        var folder = Path.GetFullPath(options.Value.PickupDirectory);
        Directory.CreateDirectory(folder);
        var now = time.GetUtcNow();
        var file = Path.Combine(folder, $"{now:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
        var mail = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Date: {now:R}\r\n")
            .Append("From: CustomerCare <no-reply@customercare.local>\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: {to}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Subject: {subject}\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n\r\n")
            .Append(WebUtility.HtmlDecode(text))
            .Append("\r\n")
            .ToString();
        await File.WriteAllTextAsync(file, mail, Encoding.UTF8);
        logger.LogInformation("Mail \"{Subject}\" to {To} written to {File}. Link: {Link}", subject, to, file, link);
    }
}
