using System.Diagnostics;
using System.Net;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Notifications.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// Zero set-up: a SQLite file in a folder nobody created yet still works, and `dotnet run` keeps its database and
/// mails in the repository's data/ folder (which git ignores) from whatever folder it is started.
/// </summary>
public sealed class SqliteFolderTests
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Sqlite_database_in_a_folder_that_does_not_exist_yet_is_created_at_start()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Path.Combine(Path.GetTempPath(), "customercare-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(root, "new", "data", "cc.db");
        try
        {
            await using var portal = new PortalFactory().With("ConnectionStrings:CustomerCare", $"Data Source={file}");
            Assert.False(Directory.Exists(root));
            using var client = portal.CreateClient();

            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"Healthy\"", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            Assert.True(File.Exists(file), $"Expected the database at {file}.");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Development_keeps_a_relative_database_path_in_the_repository_data_folder_whatever_the_working_directory()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new RepositoryDataFolder();
        var elsewhere = Directory.CreateTempSubdirectory("customercare-elsewhere-").FullName;
        try
        {
            await using (var portal = PortalProcess.Start(elsewhere, new Dictionary<string, string?>
            {
                ["ConnectionStrings:CustomerCare"] = $"Data Source={data.Relative}/customercare.db",
                ["Mail:PickupDirectory"] = $"{data.Relative}/mail",
            }, environment: "Development"))
            {
                await portal.WaitUntilReadyAsync(ReadyLimit, ct);
            }

            Assert.True(File.Exists(Path.Combine(data.Full, "customercare.db")), $"Expected the database in {data.Full}.");
            Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public async Task Development_keeps_a_relative_mail_folder_in_the_repository_data_folder()
    {
        using var data = new RepositoryDataFolder();
        await using var portal = new PortalFactory().With("Mail:PickupDirectory", $"{data.Relative}/mail");
        using var development = portal.WithWebHostBuilder(b => b.UseEnvironment("Development"));

        var mail = development.Services.GetRequiredService<IOptions<MailOptions>>().Value;

        Assert.Equal(Path.Combine(data.Full, "mail"), mail.PickupDirectory);
    }

    [Fact]
    public async Task Git_ignores_the_repository_data_folder()
    {
        var ct = TestContext.Current.CancellationToken;
        string[] paths = ["data/customercare.db", "data/customercare.db-wal", "data/mail/20270101-120000-1.eml"];
        using var git = Process.Start(new ProcessStartInfo("git", ["check-ignore", "--no-index", .. paths])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;

        var ignored = (await git.StandardOutput.ReadToEndAsync(ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await git.WaitForExitAsync(ct);

        Assert.Equal(paths, ignored);
    }

    /// <summary>A folder of this test's own under the repository's data/, removed afterwards with data/ if the test made it.</summary>
    private sealed class RepositoryDataFolder : IDisposable
    {
        private readonly string data = Path.Combine(RepoPaths.Root, "data");
        private readonly bool dataExisted;

        public RepositoryDataFolder()
        {
            dataExisted = Directory.Exists(data);
            Relative = $"data/test-{Guid.NewGuid():N}";
            Full = Path.GetFullPath(Relative, RepoPaths.Root);
        }

        public string Relative { get; }

        public string Full { get; }

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(Full))
            {
                Directory.Delete(Full, recursive: true);
            }

            if (!dataExisted && Directory.Exists(data) && !Directory.EnumerateFileSystemEntries(data).Any())
            {
                Directory.Delete(data);
            }
        }
    }
}
