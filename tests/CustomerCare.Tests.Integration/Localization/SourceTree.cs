using System.Xml.Linq;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Localization;

/// <summary>Files of the repository the tests were built from, and the strings in its .resx files.</summary>
internal static class SourceTree
{
    public static string Root => RepoPaths.Root;

    public static string WebResources => Path.Combine(Root, "src", "CustomerCare.Web", "Resources");

    /// <summary>Name → value of every &lt;data&gt; entry.</summary>
    public static IReadOnlyDictionary<string, string> ReadResx(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    public static string Text(string key, string culture = "")
    {
        var file = Path.Combine(WebResources, culture.Length == 0 ? "Strings.resx" : $"Strings.{culture}.resx");
        return ReadResx(file)[key];
    }
}
