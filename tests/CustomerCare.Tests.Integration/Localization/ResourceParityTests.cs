namespace CustomerCare.Tests.Integration.Localization;

/// <summary>Every UI string exists in English and German, so no page shows a key or half a translation.</summary>
public sealed class ResourceParityTests
{
    public static TheoryData<string> NeutralResourceFiles()
    {
        var files = Directory.EnumerateFiles(Path.Combine(SourceTree.Root, "src"), "*.resx", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "Resources")
            .Where(f => !Path.GetFileNameWithoutExtension(f).Contains('.', StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(SourceTree.Root, f))
            .Order(StringComparer.Ordinal);
        return [.. files];
    }

    [Fact]
    public void The_web_project_has_resource_files_to_check()
    {
        Assert.Contains(NeutralResourceFiles(), row => row.Data.EndsWith("Strings.resx", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(NeutralResourceFiles))]
    public void Every_English_string_has_a_German_translation(string neutralFile)
    {
        var (english, german) = Pair(neutralFile);

        var missing = english.Keys.Where(k => string.IsNullOrWhiteSpace(german.GetValueOrDefault(k))).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(english);
        Assert.True(missing.Count == 0, $"German value missing or empty in the .de.resx of {neutralFile}: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(NeutralResourceFiles))]
    public void Every_German_string_has_an_English_original(string neutralFile)
    {
        var (english, german) = Pair(neutralFile);

        var missing = german.Keys.Where(k => string.IsNullOrWhiteSpace(english.GetValueOrDefault(k))).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(german);
        Assert.True(missing.Count == 0, $"English value missing or empty in {neutralFile}: {string.Join(", ", missing)}");
    }

    private static (IReadOnlyDictionary<string, string> English, IReadOnlyDictionary<string, string> German) Pair(string neutralFile)
    {
        var english = Path.Combine(SourceTree.Root, neutralFile);
        var german = Path.ChangeExtension(english, ".de.resx");
        Assert.True(File.Exists(german), $"{neutralFile} has no German twin {Path.GetFileName(german)}.");
        return (SourceTree.ReadResx(english), SourceTree.ReadResx(german));
    }
}
