using System.Net;
using System.Text.Json;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// An operator with a wrong setting gets one critical line naming the setting and exit code 1, quickly,
/// not a stack trace or a portal that hangs. These start the built portal as a real process.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(30);

    // A fresh install migrates and seeds the demo before it is ready; on a busy 2-core machine that
    // took over 30 s once. This is a bound against hanging, not a speed goal.
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(90);

    private readonly string workingDirectory = Directory.CreateTempSubdirectory("customercare-process-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A process that was just killed may still release a file; the temp folder is cleaned anyway.
        }
    }

    [Fact]
    public async Task Unknown_provider_stops_the_portal_with_exit_code_1_naming_Database_Provider()
    {
        var (exitCode, portal) = await RunAsync(new()
        {
            ["Database:Provider"] = "Oracle",
            ["ConnectionStrings:CustomerCare"] = "Data Source=oracle.example",
        });

        Assert.Equal(1, exitCode);
        var critical = portal.SingleCriticalEntry();
        Assert.Contains("Database:Provider", critical, StringComparison.Ordinal);
        Assert.Contains("Oracle", critical, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_Postgres_stops_the_portal_with_exit_code_1_naming_the_connection_string()
    {
        var (exitCode, portal) = await RunAsync(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:CustomerCare"] = "Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=3",
        });

        Assert.Equal(1, exitCode);
        var critical = portal.SingleCriticalEntry();
        Assert.Contains("ConnectionStrings:CustomerCare", critical, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=y", portal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_SqlServer_connection_string_stops_the_portal_with_exit_code_1_naming_it()
    {
        var (exitCode, portal) = await RunAsync(new()
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:CustomerCare"] = "",
        });

        Assert.Equal(1, exitCode);
        var critical = portal.SingleCriticalEntry();
        Assert.Contains("ConnectionStrings:CustomerCare", critical, StringComparison.Ordinal);
        Assert.Contains("empty", critical, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_to_SqlServer_without_a_connection_string_says_it_is_missing()
    {
        // The shipped appsettings.json must not hand SQLite's default connection string to SQL Server,
        // which would spend a connect timeout on "data/customercare.db" as a server name.
        var (exitCode, portal) = await RunAsync(new() { ["Database:Provider"] = "SqlServer" });

        Assert.Equal(1, exitCode);
        var critical = portal.SingleCriticalEntry();
        Assert.Contains("ConnectionStrings:CustomerCare", critical, StringComparison.Ordinal);
        Assert.Contains("empty", critical, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fresh_install_starts_on_SQLite_in_a_data_folder_under_the_working_directory()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var portal = PortalProcess.Start(workingDirectory, new Dictionary<string, string?> { ["Health:MonitoringKey"] = PortalFactory.MonitoringKey });

        var root = await portal.WaitUntilReadyAsync(ReadyLimit, ct);
        using var client = new HttpClient { BaseAddress = root };
        client.DefaultRequestHeaders.Add(HealthEndpoint.KeyHeader, PortalFactory.MonitoringKey);
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Sqlite", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("data").GetProperty("provider").GetString());
        Assert.True(File.Exists(Path.Combine(workingDirectory, "data", "customercare.db")), portal.Output);
        Assert.Empty(portal.CriticalEntries);
    }

    private async Task<(int ExitCode, Finished Portal)> RunAsync(Dictionary<string, string?> settings)
    {
        // Disposing kills the portal if it overstayed the limit.
        await using var portal = PortalProcess.Start(workingDirectory, settings);
        var exitCode = await portal.WaitForExitAsync(ExitLimit, TestContext.Current.CancellationToken);
        return (exitCode, new Finished(portal.Output, portal.CriticalEntries));
    }

    private sealed record Finished(string Output, IReadOnlyList<string> CriticalEntries)
    {
        public string SingleCriticalEntry()
        {
            Assert.True(CriticalEntries.Count == 1, $"Expected exactly one critical log entry, got {CriticalEntries.Count}. Output:\n{Output}");
            return CriticalEntries[0];
        }
    }
}
