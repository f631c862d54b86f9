namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// What relative data paths (SQLite's <c>Data Source</c>, <c>Mail:PickupDirectory</c>) are relative to. In Development
/// it is the checkout's root, the folder holding CustomerCare.sln above the running binaries: <c>dotnet run</c> starts
/// the portal in the project folder (and anyone may start it from anywhere), yet the database and the mails belong in
/// the repository's <c>data/</c> folder, which .gitignore keeps out of commits. Elsewhere, and in Development outside
/// a checkout, it is the working directory, as for any server program: operators start the published portal in its
/// folder (or a service's WorkingDirectory) or give absolute paths.
/// </summary>
public static class DataFolder
{
    public const string SolutionFile = "CustomerCare.sln";

    public static string Root(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() && FindCheckout(AppContext.BaseDirectory) is { } checkout
            ? checkout
            : Directory.GetCurrentDirectory();
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> that holds CustomerCare.sln, or null.</summary>
    public static string? FindCheckout(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary><paramref name="path"/> made absolute against <paramref name="root"/>; absolute or empty paths stay as they are.</summary>
    public static string Resolve(string root, string path) =>
        string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(path, root);
}
