using System.Text.RegularExpressions;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Unit.Architecture;

/// <summary>
/// The portal's feature folders read as source: which types each declares (C# types and Razor components) and which
/// other features' types each file names. Comments are left out, so a comment may mention any feature.
/// </summary>
internal static partial class FeatureSource
{
    public static string FeaturesFolder { get; } = Path.Combine(RepoPaths.Root, "src", "CustomerCare.Web", "Features");

    public static IReadOnlyList<string> Features { get; } =
        [.. Directory.GetDirectories(FeaturesFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>Every .cs and .razor file of a feature, its subfolders (Notifications/Mail) included.</summary>
    public static IEnumerable<string> FilesOf(string feature) =>
        Directory.EnumerateFiles(Path.Combine(FeaturesFolder, feature), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal));

    /// <summary>Type name → the one feature that declares it; a name two features declare is nobody's.</summary>
    public static IReadOnlyDictionary<string, string> DeclaringFeature { get; } = ReadDeclarations();

    /// <summary>The other features whose types <paramref name="file"/> (of <paramref name="feature"/>) names, with the names.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> NamedFeatures(string feature, string file)
    {
        var code = WithoutComments(File.ReadAllText(file));
        return Identifier().Matches(code).Select(m => m.Value).Distinct(StringComparer.Ordinal)
            .Where(name => DeclaringFeature.TryGetValue(name, out var owner) && owner != feature)
            .GroupBy(name => DeclaringFeature[name], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Order(StringComparer.Ordinal)], StringComparer.Ordinal);
    }

    private static Dictionary<string, string> ReadDeclarations()
    {
        var owners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var feature in Features)
        {
            foreach (var file in FilesOf(feature))
            {
                var names = Declaration().Matches(WithoutComments(File.ReadAllText(file))).Select(m => m.Groups[1].Value);
                if (file.EndsWith(".razor", StringComparison.Ordinal))
                {
                    names = names.Append(Path.GetFileNameWithoutExtension(file));
                }

                foreach (var name in names)
                {
                    (owners.TryGetValue(name, out var set) ? set : owners[name] = []).Add(feature);
                }
            }
        }

        return owners.Where(o => o.Value.Count == 1).ToDictionary(o => o.Key, o => o.Value.Single(), StringComparer.Ordinal);
    }

    private static string WithoutComments(string code) => Comment().Replace(code, " ");

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\b(?:class|record|enum|interface|struct)\s+([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();
}
