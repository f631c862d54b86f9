using System.Net;
using System.Text;

namespace CustomerCare.Web.Features.Notifications.Mail;

/// <summary>One block of a mail: an optional heading, lines of text, and the link to act on.</summary>
public sealed record MailSection(string? Heading, IReadOnlyList<string> Lines, string? LinkText, string? LinkUrl);

/// <summary>Why the person gets the mail and how to stop it.</summary>
public sealed record MailFooter(string Why, string? UnsubscribeText = null, string? UnsubscribeUrl = null,
    string? PreferencesText = null, string? PreferencesUrl = null);

/// <summary>
/// Plain text and simple HTML from the same parts. Every piece of content is HTML-encoded: titles and names are
/// written by customers, and a mail is no place for their markup.
/// </summary>
public static class MailLayout
{
    public static (string Text, string Html) Render(string intro, IReadOnlyList<MailSection> sections, MailFooter footer)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(footer);
        var text = new StringBuilder().AppendLine(intro).AppendLine();
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">")
            .Append("<p>").Append(E(intro)).Append("</p>");
        foreach (var section in sections)
        {
            if (section.Heading is { } heading)
            {
                text.AppendLine(heading);
                html.Append("<h3 style=\"margin-bottom:0.3em\">").Append(E(heading)).Append("</h3>");
            }

            foreach (var line in section.Lines)
            {
                text.AppendLine(line);
                html.Append("<p style=\"margin:0.3em 0\">").Append(E(line)).Append("</p>");
            }

            if (section.LinkUrl is { } url)
            {
                text.Append(section.LinkText).Append(": ").AppendLine(url);
                html.Append("<p><a href=\"").Append(E(url)).Append("\">").Append(E(section.LinkText ?? url)).Append("</a></p>");
            }

            text.AppendLine();
        }

        text.AppendLine("-- ").AppendLine(footer.Why);
        html.Append("<hr><p style=\"color:#666;font-size:0.9em\">").Append(E(footer.Why));
        if (footer.PreferencesUrl is { } preferences)
        {
            text.Append(footer.PreferencesText).Append(": ").AppendLine(preferences);
            html.Append("<br><a href=\"").Append(E(preferences)).Append("\">").Append(E(footer.PreferencesText ?? preferences)).Append("</a>");
        }

        if (footer.UnsubscribeUrl is { } unsubscribe)
        {
            text.Append(footer.UnsubscribeText).Append(": ").AppendLine(unsubscribe);
            html.Append("<br><a href=\"").Append(E(unsubscribe)).Append("\">").Append(E(footer.UnsubscribeText ?? unsubscribe)).Append("</a>");
        }

        html.Append("</p></body></html>");
        return (text.ToString(), html.ToString());
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
