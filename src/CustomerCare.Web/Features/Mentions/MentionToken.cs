using System.Text.RegularExpressions;

namespace CustomerCare.Web.Features.Mentions;

/// <summary>
/// How a mention is stored in a text: <c>@[Anna Berger](user-id)</c>. Names contain spaces and change, so the id is what
/// counts; the name is only what the writer saw, shown where the person cannot be looked up. The composer inserts it,
/// people rarely type it.
/// </summary>
public static partial class MentionToken
{
    /// <summary>At most this many distinct people are notified per text; more mentions still render.</summary>
    public const int MaxNotified = 10;

    public const int NameMaxLength = 100;

    public const int IdMaxLength = 64;

    /// <summary>The token starting at the match position (used by the Markdown parser with <c>\G</c>) or anywhere.</summary>
    [GeneratedRegex(@"\G@\[(?<name>[^\[\]\r\n]{1,100})\]\((?<id>[A-Za-z0-9-]{1,64})\)", RegexOptions.CultureInvariant)]
    internal static partial Regex AtStart();

    /// <summary>The token for a person; the name loses what would end the token early (brackets, line breaks).</summary>
    public static string Format(string name, string id)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(id);
        var clean = new string([.. name.Where(c => c is not ('[' or ']' or '\r' or '\n'))]).Trim();
        if (clean.Length == 0)
        {
            clean = "?";
        }

        return $"@[{(clean.Length > NameMaxLength ? clean[..NameMaxLength] : clean)}]({id})";
    }

    /// <summary>
    /// <paramref name="text"/> with every token of <paramref name="id"/> naming <paramref name="name"/> instead of the name
    /// its writer saw: an erased account's name must not outlive it in other people's texts.
    /// </summary>
    public static string Rename(string text, string id, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(id);
        var token = Format(name, id);
        return Regex.Replace(text, @"@\[[^\[\]\r\n]{1,100}\]\(" + Regex.Escape(id) + @"\)", _ => token, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>What every token of <paramref name="id"/> contains, for finding the texts that mention someone.</summary>
    public static string Marker(string id) => $"]({id})";
}
