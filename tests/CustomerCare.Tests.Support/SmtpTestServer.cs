using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using Xunit;

namespace CustomerCare.Tests.Support;

/// <summary>A message the test server accepted: the SMTP envelope and the parsed mail.</summary>
public sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message)
{
    public string Text => Message.TextBody ?? "";

    public string Html => Message.HtmlBody ?? "";
}

/// <summary>
/// A real SMTP server (Debian's python3 with aiosmtpd, Smtp/smtp_server.py) as a child process on 127.0.0.1 and a
/// free port. It stores every accepted message in <see cref="Folder"/>; <see cref="Refuse"/> makes it answer 550 for an
/// address (a bounce); <see cref="Stop"/> and <see cref="StartAgain"/> take it away and bring it back on the same port
/// (an outage). Killed on dispose.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TestTimeouts.Wait;
    private readonly string python;
    private Process? process;

    private SmtpTestServer(string python, int port, string folder)
    {
        this.python = python;
        Port = port;
        Folder = folder;
    }

    public const string Host = "127.0.0.1";

    public int Port { get; }

    public string Folder { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts a server on a free port; skips the test (fails under CI=true) without python3-aiosmtpd.</summary>
    public static SmtpTestServer Start()
    {
        var python = TestDependencies.SmtpServer;
        var folder = Path.Combine(Path.GetTempPath(), "customercare-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new SmtpTestServer(python, FreePort(), folder);
        server.StartAgain();
        return server;
    }

    /// <summary>Starts the process (again) on the same port and returns once it accepts connections.</summary>
    public void StartAgain()
    {
        if (IsRunning)
        {
            return;
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Smtp", "smtp_server.py");
        Assert.True(File.Exists(script), $"The SMTP test server script is expected next to the tests: {script}");
        var start = new ProcessStartInfo(python, [script, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--folder", Folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var started = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var errors = started.StandardError.ReadToEndAsync();
        var line = started.StandardOutput.ReadLineAsync();
        if (!line.Wait(StartTimeout) || line.Result is not { } ready || !ready.StartsWith("READY", StringComparison.Ordinal))
        {
            Kill(started);
            throw new InvalidOperationException($"The SMTP test server did not start on 127.0.0.1:{Port}: {(errors.Wait(TimeSpan.FromSeconds(2)) ? errors.Result : "")}");
        }

        process = started;
    }

    /// <summary>Takes the server away (connections are refused) until <see cref="StartAgain"/>.</summary>
    public void Stop()
    {
        if (process is { } running)
        {
            Kill(running);
            process = null;
        }
    }

    /// <summary>From now on RCPT TO for this address is answered with 550 (a permanent refusal).</summary>
    public void Refuse(string address) => File.AppendAllLines(Path.Combine(Folder, "refuse.txt"), [address]);

    /// <summary>Every message accepted so far, in the order received.</summary>
    public IReadOnlyList<ReceivedMail> Received()
    {
        var mails = new List<ReceivedMail>();
        foreach (var envelope in Directory.GetFiles(Folder, "*.envelope").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(envelope);
            using var stream = File.OpenRead(Path.ChangeExtension(envelope, ".eml"));
            mails.Add(new(lines[0], [.. lines.Skip(1).Where(l => l.Length > 0)], MimeMessage.Load(stream)));
        }

        return mails;
    }

    /// <summary>The messages whose envelope names this recipient.</summary>
    public IReadOnlyList<ReceivedMail> ReceivedBy(string address) =>
        [.. Received().Where(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Waits (bounded) until the recipient has at least one message; the portal's sender works in the background.</summary>
    public async Task<ReceivedMail> WaitForAsync(string address, CancellationToken ct, int seconds = 30)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(100, ct))
        {
            if (ReceivedBy(address) is [var first, ..])
            {
                return first;
            }
        }

        Assert.Fail($"No mail for {address} reached the SMTP test server on port {Port} within {seconds} s.");
        return null!;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS anyway.
        }

        return ValueTask.CompletedTask;
    }

    private static void Kill(Process running)
    {
        try
        {
            running.Kill(entireProcessTree: true);
            running.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }

        running.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
