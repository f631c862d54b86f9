using System.Globalization;
using System.Resources;

namespace CustomerCare.Web.Resources;

/// <summary>
/// Strings.resx in a culture the caller names, for words written away from the reader's own request: a mail in its
/// recipient's language. Pages and endpoints use <c>IStringLocalizer&lt;Strings&gt;</c>, which follows the request.
/// </summary>
public static class StringsIn
{
    private static readonly ResourceManager Resources = new(typeof(Strings).FullName!, typeof(Strings).Assembly);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/> (English where German has none); the key if none.</summary>
    public static string Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;
}
