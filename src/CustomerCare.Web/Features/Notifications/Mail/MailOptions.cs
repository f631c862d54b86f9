namespace CustomerCare.Web.Features.Notifications.Mail;

public enum SmtpSecurity
{
    /// <summary>MailKit decides by port: 465 TLS on connect, otherwise STARTTLS when the server offers it.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The <c>Mail</c> section: SMTP when <see cref="SmtpOptions.Host"/> is set, else .eml files in a pickup folder.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Without an SMTP host every mail is written as an .eml file into this folder (the Development default).</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    public string FromAddress { get; set; } = "no-reply@customercare.local";

    public string FromName { get; set; } = "CustomerCare";

    /// <summary>
    /// Attempts before a mail is given up (a 5xx refusal of the address gives up at once). Attempts that found the server
    /// unreachable (or the pickup folder unwritable) back off but never give up: an outage loses no mail.
    /// </summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failure; it doubles after each further one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long one server holds the mails it claimed; another server may take them after that.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Mails claimed per cycle: bounded work, the rest on the next cycle.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How often the sender looks for due mails when nothing is enqueued meanwhile.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The local hour (0–23) in <see cref="DigestTimeZone"/> from which the daily digest goes out.</summary>
    public int DigestHour { get; set; } = 7;

    public string DigestTimeZone { get; set; } = "Europe/Berlin";

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public TimeZoneInfo DigestZone => TimeZoneInfo.FindSystemTimeZoneById(DigestTimeZone);

    public TimeSpan BackoffAfter(int attempts) => Infrastructure.Backoff.Exponential(BackoffBase, MaxBackoff, attempts);

    /// <summary>Every problem with the section, worded for whoever edits appsettings.json; empty when it is sound.</summary>
    public IEnumerable<string> Problems(string publicUrl)
    {
        if (UsesSmtp)
        {
            if (Smtp.Port is < 1 or > 65535)
            {
                yield return $"Mail:Smtp:Port must be between 1 and 65535 (it is {Smtp.Port}).";
            }

            if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var root) || (root.Scheme != Uri.UriSchemeHttp && root.Scheme != Uri.UriSchemeHttps))
            {
                yield return "Mail:Smtp:Host is set, so Portal:PublicUrl must be the portal's absolute http(s) address: links in mails are built from it.";
            }

            if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password))
            {
                yield return "Mail:Smtp:UserName and Mail:Smtp:Password go together: set both or neither.";
            }
        }
        else if (string.IsNullOrWhiteSpace(PickupDirectory))
        {
            yield return "Mail:PickupDirectory must name a folder when Mail:Smtp:Host is empty.";
        }

        if (!MimeKit.MailboxAddress.TryParse(FromAddress, out _) || !FromAddress.Contains('@', StringComparison.Ordinal))
        {
            yield return $"Mail:FromAddress \"{FromAddress}\" is not an e-mail address.";
        }

        if (MaxAttempts < 1)
        {
            yield return "Mail:MaxAttempts must be at least 1.";
        }

        if (BackoffBase <= TimeSpan.Zero || MaxBackoff < BackoffBase)
        {
            yield return "Mail:BackoffBase must be positive and Mail:MaxBackoff at least as long.";
        }

        if (LeaseDuration < TimeSpan.FromSeconds(30) || BatchSize < 1 || PollInterval <= TimeSpan.Zero)
        {
            yield return "Mail:LeaseDuration must be at least 30 seconds, Mail:BatchSize at least 1, Mail:PollInterval positive.";
        }

        if (DigestHour is < 0 or > 23)
        {
            yield return $"Mail:DigestHour must be an hour from 0 to 23 (it is {DigestHour}).";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(DigestTimeZone, out _))
        {
            yield return $"Mail:DigestTimeZone \"{DigestTimeZone}\" is not a time zone this server knows (e.g. Europe/Berlin).";
        }
    }
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Connect and command timeout; a hanging server must not hold the lease.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
