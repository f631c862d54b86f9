using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// A newcomer's first start (`dotnet run`: Development, demo data, a database that does not exist yet) reads as all
/// well. A warning there is either a fault or noise that teaches people to skip warnings.
/// </summary>
public sealed class FirstStartTests : IDisposable
{
    // A fresh install migrates and seeds the demo before it is ready; a bound against hanging, not a speed goal.
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(90);

    private readonly string folder = Directory.CreateTempSubdirectory("customercare-first-start-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A process that was just killed may still release a file; the temp folder is cleaned anyway.
        }
    }

    [Fact]
    public async Task First_start_on_a_fresh_SQLite_database_logs_no_warning()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = Path.Combine(folder, "data", "customercare.db");

        // Absolute paths: the test's database is its own, not the checkout's data/ folder.
        await using var portal = PortalProcess.Start(folder, new Dictionary<string, string?>
        {
            ["ConnectionStrings:CustomerCare"] = $"Data Source={database}",
            ["Mail:PickupDirectory"] = Path.Combine(folder, "data", "mail"),
        }, environment: "Development");
        await portal.WaitUntilReadyAsync(ReadyLimit, ct);

        Assert.True(File.Exists(database), portal.Output);
        Assert.Contains("Demo data seeded", portal.Output, StringComparison.Ordinal);
        Assert.True(portal.WarningOrWorseEntries.Count == 0, $"Start-up logged warnings or worse:\n{string.Join('\n', portal.WarningOrWorseEntries)}");
    }
}
