using System.Diagnostics;
using System.Threading.Channels;

namespace CustomerCare.Benchmarks.Visitors;

/// <summary>
/// The suite's end of <see cref="VisitorClient"/>: starts this assembly again as a child process (<c>dotnet exec
/// CustomerCare.Benchmarks.dll visitors-client &lt;root&gt;</c>; it inherits the open-files limit), sends it one command
/// at a time and waits, within a deadline, for its one-line answer. Its progress lines go to the suite's log. Disposing
/// asks it to quit (it closes its connections first) and kills it, by its own process id, if it has not ended in 60 s.
/// </summary>
public sealed class VisitorClients : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> replies = Channel.CreateUnbounded<string>();

    private VisitorClients(Process process) => this.process = process;

    public static VisitorClients Start(Uri root, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(log);
        var dll = typeof(VisitorClients).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost, ["exec", dll, VisitorClient.Command, root.ToString()])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var clients = new VisitorClients(new Process { StartInfo = start });
        clients.process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                clients.replies.Writer.TryComplete();
            }
            else if (e.Data.StartsWith(VisitorClient.ReplyPrefix, StringComparison.Ordinal))
            {
                clients.replies.Writer.TryWrite(e.Data[VisitorClient.ReplyPrefix.Length..]);
            }
            else
            {
                log.WriteLine($"   clients: {e.Data}");
            }
        };
        clients.process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.WriteLine($"   clients: {e.Data}");
            }
        };
        clients.process.Start();
        clients.process.BeginOutputReadLine();
        clients.process.BeginErrorReadLine();
        return clients;
    }

    /// <summary>The process id, to tell its memory from the server's.</summary>
    public int ProcessId => process.Id;

    /// <summary>Sends one command; answers the reply's words. An "error" reply, no reply in time or an ended process fails the run.</summary>
    public async Task<string[]> AskAsync(string command, TimeSpan timeout, CancellationToken ct = default)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync(ct);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        string reply;
        try
        {
            reply = await replies.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BenchmarkCheckException($"The visitors' process did not answer '{Shorten(command)}' within {timeout.TotalSeconds:F0} s.");
        }
        catch (ChannelClosedException)
        {
            throw new BenchmarkCheckException($"The visitors' process ended during '{Shorten(command)}' (exit code {(process.HasExited ? process.ExitCode : -1)}).");
        }

        if (reply.StartsWith("error ", StringComparison.Ordinal))
        {
            throw new BenchmarkCheckException($"The visitors' process failed '{Shorten(command)}': {reply[6..]}");
        }

        return reply.Split(' ');
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                await process.StandardInput.WriteLineAsync("quit");
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It ended meanwhile.
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }

        process.Dispose();
    }

    private static string Shorten(string command) => command.Length <= 80 ? command : command[..80] + "…";

    // Under `dotnet run` this process is the apphost; the SDK names the dotnet that runs it (as PortalProcess reads it).
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
