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

/// <summary>The facts of one notification, as the mail job reads them.</summary>
public sealed record NotificationFacts(
    long Id, NotificationKind Kind, int PostId, string PostTitle, long? ReplyId, string? ActorName, string? Detail, DateTime CreatedAt);

/// <summary>A notification already put into words: subject line, body text and the portal-relative link to it.</summary>
public sealed record NotificationMailText(string Subject, string Body, string RelativeLink);

/// <summary>
/// Puts a notification into words for a mail. The bell's renderer (Features/Notifications) is meant to implement this
/// at merge time, so the bell and the mail say the same; <see cref="FactsNotificationTextSource"/> stands in until then.
/// </summary>
public interface INotificationTextSource
{
    NotificationMailText Render(NotificationFacts facts, CultureInfo culture);
}

public sealed class FactsNotificationTextSource(MailStrings strings) : INotificationTextSource
{
    public NotificationMailText Render(NotificationFacts facts, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var actor = facts.ActorName ?? strings.Get(culture, "Mail_Portal");
        var detail = facts.Detail ?? "";
        return new(
            strings.Get(culture, $"Mail_Text_{facts.Kind}_Subject", facts.PostTitle),
            strings.Get(culture, $"Mail_Text_{facts.Kind}_Body", facts.PostTitle, actor, detail).Trim(),
            facts.ReplyId is { } reply ? $"/posts/{facts.PostId}#reply-{reply}" : $"/posts/{facts.PostId}");
    }
}
