using System.Runtime.CompilerServices;

namespace CustomerCare.Tests.Support;

public static class RepoPaths
{
    /// <summary>The checkout's root: the folder that holds CustomerCare.sln.</summary>
    public static string Root { get; } = FindRoot();

    // The output folder may live outside the repository (--artifacts-path), so the folder this
    // source file was compiled from is the second place to look.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CustomerCare.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"No folder with CustomerCare.sln above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
