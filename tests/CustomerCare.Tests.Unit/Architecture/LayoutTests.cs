using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Unit.Architecture;

/// <summary>The code's own layout: tests mirror the features, and no hand-written source file grows past a page or two.</summary>
public sealed class LayoutTests
{
    private const int MaxLines = 300;

    // Test folders that are not features: the host, the database, accounts, the live bus, the layout and shared pieces,
    // the shared helpers.
    private static readonly HashSet<string> NonFeatureFolders = new(StringComparer.Ordinal)
    {
        "Accounts", "Architecture", "Benchmarks", "Hosting", "Infrastructure", "Layout", "Live", "Localization", "Providers",
        "Security", "Seeding", "Shared", "Support",
    };

    private static readonly string[] TestProjects =
        ["CustomerCare.Tests.Integration", "CustomerCare.Tests.Component", "CustomerCare.Tests.Unit"];

    [Fact]
    public void Every_feature_has_a_test_folder_of_its_name()
    {
        var folders = TestFolders().Select(f => f.Folder).ToHashSet(StringComparer.Ordinal);

        var untested = FeatureSource.Features.Where(feature => !folders.Contains(feature)).ToList();

        Assert.Empty(untested);
    }

    [Fact]
    public void Every_test_folder_is_named_after_a_feature_or_a_part_of_the_host()
    {
        var strays = TestFolders()
            .Where(f => !FeatureSource.Features.Contains(f.Folder) && !NonFeatureFolders.Contains(f.Folder))
            .Select(f => $"{f.Project}/{f.Folder}");

        Assert.Empty(strays);
    }

    [Fact]
    public void Test_files_sit_in_folders_and_their_namespaces_say_which()
    {
        var misplaced = new List<string>();
        foreach (var project in TestProjects)
        {
            var root = Path.Combine(RepoPaths.Root, "tests", project);
            foreach (var file in SourceFiles(root, "*.cs"))
            {
                var relative = Path.GetRelativePath(root, file);
                var folder = Path.GetDirectoryName(relative);
                var expected = $"namespace {project}.{folder?.Replace(Path.DirectorySeparatorChar, '.')};";
                if (string.IsNullOrEmpty(folder) || !File.ReadLines(file).Any(line => line == expected))
                {
                    misplaced.Add($"{project}/{relative}");
                }
            }
        }

        Assert.Empty(misplaced);
    }

    [Fact]
    public void No_hand_written_source_file_in_src_is_longer_than_a_few_pages()
    {
        var src = Path.Combine(RepoPaths.Root, "src");
        var tooLong = SourceFiles(src, "*.cs").Concat(SourceFiles(src, "*.razor"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(src, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines");

        Assert.Empty(tooLong);
    }

    private static IEnumerable<(string Project, string Folder)> TestFolders() =>
        TestProjects.SelectMany(project => Directory.GetDirectories(Path.Combine(RepoPaths.Root, "tests", project))
            .Select(Path.GetFileName).OfType<string>()
            .Where(folder => folder is not ("bin" or "obj"))
            .Select(folder => (project, folder)));

    private static IEnumerable<string> SourceFiles(string root, string pattern) =>
        Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
