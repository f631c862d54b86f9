using System.Diagnostics;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Browser.Hosting;

/// <summary>
/// The portal as an operator ships it: <c>dotnet publish -c Release</c> into a folder of its own, started from there in
/// the Production environment over a fresh SQLite file with the demo company (<c>Demo:Seed</c>), behind the public
/// address <c>https://feedback.example.com</c> as TLS at a proxy would give it. Published once per test class.
/// </summary>
public sealed class ReleasePortal : IAsyncLifetime
{
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "customercare-tests", "release-" + Guid.NewGuid().ToString("N"));

    public const string PublicUrl = "https://feedback.example.com";

    public Uri Root { get; private set; } = null!;

    public PortalProcess Process { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var app = Path.Combine(folder, "app");
        Directory.CreateDirectory(folder);
        await PublishAsync(app, ct);

        Process = PortalProcess.Start(folder, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:CustomerCare"] = $"Data Source={Path.Combine(folder, "customercare.db")}",
            ["Demo:Seed"] = "true",
            ["Portal:PublicUrl"] = PublicUrl,
            ["Mail:PickupDirectory"] = Path.Combine(folder, "mail"),
            ["HOME"] = folder,
        }, environment: "Production", dll: Path.Combine(app, "CustomerCare.Web.dll"));
        Root = await Process.WaitUntilReadyAsync(StartLimit, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is cleaned by the machine later.
        }
    }

    // Build servers stay off: a compiler or MSBuild node left running would outlive the test run and hold its output open.
    private static async Task PublishAsync(string output, CancellationToken ct)
    {
        var project = Path.Combine(RepoPaths.Root, "src", "CustomerCare.Web", "CustomerCare.Web.csproj");
        var start = new ProcessStartInfo(PortalProcess.DotnetHost,
            ["publish", project, "-c", "Release", "-o", output, "--nologo", "--disable-build-servers", "-p:UseAppHost=false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var publish = System.Diagnostics.Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync(ct);
        var stderr = publish.StandardError.ReadToEndAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(PublishLimit);
        try
        {
            await publish.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            publish.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(publish.ExitCode == 0, $"dotnet publish -c Release failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
