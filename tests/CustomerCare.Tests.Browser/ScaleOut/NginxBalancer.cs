using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Browser.ScaleOut;

/// <summary>
/// Debian's nginx in front of two portal servers, run as a child process (no daemon, no service) with
/// the operator's configuration from docs/scale-out.nginx.conf filled in; its pid, logs and temp
/// folders stay inside <paramref name="folder"/>, so it needs no root and leaves nothing behind.
/// </summary>
internal sealed class NginxBalancer(string folder, int port) : IAsyncDisposable
{
    private static readonly string[] TempKinds = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"];
    private readonly StringBuilder output = new();
    private Process? process;

    public int Port { get; } = port;

    public Uri Root => new($"http://127.0.0.1:{Port}/");

    public string ErrorLog => ReadShared(Path.Combine(folder, "error.log"));

    /// <summary>A port nobody listens on now; nginx takes it a moment later (a lost race fails loudly at start).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync(Uri serverA, Uri serverB, CancellationToken ct)
    {
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(serverA, serverB), ct);
        var start = new ProcessStartInfo(TestDependencies.Nginx)
        {
            // -e: the start-up error log, before the configuration names its own; the packaged default
            // (/var/log/nginx) is not writable without root.
            ArgumentList = { "-e", Path.Combine(folder, "error.log"), "-c", config, "-p", folder, "-g", "daemon off;" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TestTimeouts.Wait;
        while (!Accepts())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"nginx did not listen on {Root} (exited: {process.HasExited}). Output:\n{Output}\nerror.log:\n{ErrorLog}");
            }

            await Task.Delay(100, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            using var limit = new CancellationTokenSource(TestTimeouts.Wait);
            await process.WaitForExitAsync(limit.Token);
        }

        process?.Dispose();
    }

    private string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private string Configuration(Uri serverA, Uri serverB)
    {
        var site = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "scale-out.nginx.conf"))
            .Replace("{{LISTEN}}", $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal)
            .Replace("{{SERVER_A}}", serverA.Authority, StringComparison.Ordinal)
            .Replace("{{SERVER_B}}", serverB.Authority, StringComparison.Ordinal);
        var temp = string.Join('\n', TempKinds.Select(kind => $"    {kind}_temp_path {Path.Combine(folder, kind)};"));

        // Workers switch to the "user" only when the master runs as root (nginx warns otherwise); as root
        // they stay root here, because the temp folders belong to the test run's user.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        return $$"""
            {{user}}worker_processes 1;
            pid {{Path.Combine(folder, "nginx.pid")}};
            error_log {{Path.Combine(folder, "error.log")}} warn;
            events { worker_connections 256; }
            http {
                access_log {{Path.Combine(folder, "access.log")}};
            {{temp}}
            {{site}}
            }
            """;
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "(none)";
        }
    }
}
