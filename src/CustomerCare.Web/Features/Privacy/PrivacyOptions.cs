using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Privacy;

/// <summary>The privacy notice at /privacy: who answers privacy questions, and the company's own text per language.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Who to write to about one's data (an address, a postal address, a data protection officer), as Markdown.</summary>
    public string Contact { get; set; } = "";

    /// <summary>
    /// Language ("en", "de") → a Markdown file with the company's own notice, relative to the data root or absolute.
    /// A language without an entry shows the notice that ships with the portal.
    /// </summary>
    public Dictionary<string, string> Notice { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Problems()
    {
        foreach (var (language, path) in Notice)
        {
            if (!HostingExtensions.Cultures.Contains(language, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"{Section}:Notice:{language} names a language the portal does not speak; use one of {string.Join(", ", HostingExtensions.Cultures)}.";
            }
            else if (string.IsNullOrWhiteSpace(path))
            {
                yield return $"{Section}:Notice:{language} is empty: name the notice's Markdown file, or leave the setting out for the notice that ships with the portal.";
            }
        }
    }
}
