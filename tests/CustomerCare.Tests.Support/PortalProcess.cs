using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace CustomerCare.Tests.Support;

/// <summary>
/// The built portal (CustomerCare.Web.dll, copied next to the tests) as a real process, configured only
/// through environment variables, the way an operator starts it. Killed on dispose if still running.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process) => this.process = process;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Log entries at Critical level, each as one string: the console logger writes "crit: Category[0]"
    /// and then the message on indented lines.
    /// </summary>
    public IReadOnlyList<string> CriticalEntries => EntriesAt("crit:");

    /// <summary>Log entries at Warning, Error or Critical level ("warn:", "fail:", "crit:"), each as one string.</summary>
    public IReadOnlyList<string> WarningOrWorseEntries => EntriesAt("warn:", "fail:", "crit:");

    private List<string> EntriesAt(params string[] levels)
    {
        var entries = new List<string>();
        StringBuilder? current = null;
        foreach (var line in Output.Split('\n'))
        {
            if (levels.Any(level => line.StartsWith(level, StringComparison.Ordinal)))
            {
                current = new StringBuilder(line);
                entries.Add("");
            }
            else if (current is not null && line.StartsWith(' '))
            {
                current.Append(' ').Append(line.Trim());
            }
            else
            {
                current = null;
            }

            if (current is not null)
            {
                entries[^1] = current.ToString();
            }
        }

        return entries;
    }

    /// <param name="settings">Configuration keys (Database:Provider); null removes an inherited one.</param>
    /// <param name="environment">
    /// Production by default, as an operator runs it. A page test needs Development: the build output is not
    /// the publish layout, and only Development reads the static-web-assets manifest that finds blazor.web.js
    /// and MudBlazor's files.
    /// </param>
    /// <param name="dll">Another build of the portal, e.g. a published Release; the one next to the tests by default.</param>
    public static PortalProcess Start(
        string workingDirectory, IReadOnlyDictionary<string, string?> settings, string environment = "Production", string? dll = null)
    {
        dll ??= Path.Combine(AppContext.BaseDirectory, "CustomerCare.Web.dll");
        Assert.True(File.Exists(dll), $"The built portal is expected at {dll}");

        var start = new ProcessStartInfo(DotnetHost, [dll])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Only what the test says: nothing inherited from the test run may configure the portal.
        foreach (var key in start.Environment.Keys.Where(IsPortalSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var portal = new PortalProcess(new Process { StartInfo = start });
        portal.process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        portal.process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        portal.process.Start();
        portal.process.BeginOutputReadLine();
        portal.process.BeginErrorReadLine();
        return portal;
    }

    /// <summary>The exit code; fails the test if the portal is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"The portal was still running after {timeout.TotalSeconds:0} s. Output:\n{Output}");
        }

        process.WaitForExit(); // drains the redirected output
        return process.ExitCode;
    }

    /// <summary>The address from the "CustomerCare is ready at" line.</summary>
    public async Task<Uri> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        var exited = process.WaitForExitAsync(ct);
        var finished = await Task.WhenAny(ready.Task, exited, Task.Delay(timeout, ct));
        if (finished != ready.Task)
        {
            Assert.Fail($"The portal did not announce its address within {timeout.TotalSeconds:0} s (exited: {process.HasExited}). Output:\n{Output}");
        }

        return await ready.Task;
    }

    /// <summary>
    /// Ends the portal the way a power cut or the OOM killer does: <see cref="Process.Kill(bool)"/> sends SIGKILL on
    /// Linux, so nothing in the portal runs afterwards (no shutdown, no flush).
    /// </summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
        }

        if (ReadyLine().Match(line) is { Success: true } match)
        {
            ready.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    private static bool IsPortalSetting(string key) =>
        key.Contains("__", StringComparison.Ordinal)
        || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);

    // The test host may be an apphost; the SDK tells child processes which dotnet runs it.
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [GeneratedRegex(@"CustomerCare is ready at (?<url>https?://\S+)")]
    private static partial Regex ReadyLine();
}
