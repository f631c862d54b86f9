using System.Globalization;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>
/// Mail texts in the recipient's language, not the language of whatever request or job happens to write the mail.
/// </summary>
public sealed class MailStrings(IStringLocalizer<Strings> strings)
{
    /// <summary>The person's mail language ("en", "de"); anything else falls back to the portal's default.</summary>
    public static CultureInfo CultureFor(string? language) =>
        CultureInfo.GetCultureInfo(HostingExtensions.Cultures.Contains(language) ? language! : HostingExtensions.Cultures[0]);

    public string Get(CultureInfo culture, string key, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            var value = strings[key].Value;
            return args.Length == 0 ? value : string.Format(culture, value, args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    public string KindName(CultureInfo culture, NotificationKind kind) => Get(culture, $"Mail_Kind_{kind}");
}
