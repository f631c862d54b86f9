using System.Net;
using CustomerCare.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>Zero set-up: a SQLite file in a folder nobody created yet still works.</summary>
public sealed class SqliteFolderTests
{
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
}
