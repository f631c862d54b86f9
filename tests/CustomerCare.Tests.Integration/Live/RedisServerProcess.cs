using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>A redis-server of one test's own on 127.0.0.1, so the test can stop it and start it again on the same port.</summary>
internal sealed class RedisServerProcess : IDisposable
{
    private readonly string binary = TestDependencies.RedisServer;
    private Process? process;

    public RedisServerProcess(int? port = null)
    {
        Port = port ?? FreePort();
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        process = Process.Start(new ProcessStartInfo(binary)
        {
            ArgumentList = { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { }; // drained, so a full pipe never blocks the server
        process.BeginOutputReadLine();
        await Until.TrueAsync(Accepts, TestTimeouts.Wait, $"redis-server to listen on {Address}");
    }

    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TestTimeouts.Wait);
        }

        process?.Dispose();
        process = null;
    }

    public void Dispose() => Stop();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
}

internal static class Until
{
    /// <summary>Polls until the condition holds; fails the test after the deadline instead of waiting forever.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what, Func<Task>? between = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }

            if (between is not null)
            {
                await between();
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
