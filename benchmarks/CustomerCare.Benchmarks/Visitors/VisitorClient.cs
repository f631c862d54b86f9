using System.Globalization;

namespace CustomerCare.Benchmarks.Visitors;

/// <summary>
/// The visitors' side of the visitors suite, a process of its own (<c>CustomerCare.Benchmarks visitors-client
/// &lt;root&gt;</c>, started by <see cref="VisitorClients"/>): every client object (HttpClient, HubConnection, WebSocket,
/// receive buffers) lives here, so the server's heap and working set hold only what the portal keeps per visitor. It
/// reads one command a line on stdin and answers one line on stdout, prefixed <see cref="ReplyPrefix"/>; progress goes to
/// stderr. It ends on <c>quit</c> or when stdin closes (the suite ended or died), closing every connection first.
/// </summary>
public static class VisitorClient
{
    public const string Command = "visitors-client";

    public const string ReplyPrefix = "@@ ";

    public static async Task<int> RunAsync(Uri root)
    {
        await using var crowd = new Crowd(root, Console.Error);
        while (await Console.In.ReadLineAsync() is { } line)
        {
            string? reply;
            try
            {
                reply = await AnswerAsync(crowd, root, line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            catch (Exception ex)
            {
                reply = $"error {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}";
            }

            if (reply is null)
            {
                break;
            }

            await Console.Out.WriteLineAsync(ReplyPrefix + reply);
            await Console.Out.FlushAsync();
        }

        return 0;
    }

    private static async Task<string?> AnswerAsync(Crowd crowd, Uri root, string[] words) => words switch
    {
        // visit <n> <concurrency> <fallback ids, comma-separated>: n more visitors, each a page load of / and a hub connection.
        ["visit", var n, var concurrency, var fallback] => await crowd.VisitAsync(Int(n), Int(concurrency), [.. fallback.Split(',').Select(Int)]),

        // bare <n> <concurrency>: n connections to the benchmark's empty hub.
        ["bare", var n, var concurrency] => await crowd.OpenBareAsync(Int(n), Int(concurrency)),

        // arm <live|bare> <post id>: from now on, each connection's first VoteCountChanged of that post is stamped.
        ["arm", var group, var postId] => crowd.Receipts(group).Arm(Int(postId)),

        // collect <live|bare> <timeout ms>: waits until every connection has its stamp; answers the stamps (Stopwatch ticks).
        ["collect", var group, var ms] => await crowd.Receipts(group).CollectAsync(TimeSpan.FromMilliseconds(Int(ms))),

        // leave: every connection closes.
        ["leave"] => await crowd.LeaveAsync(),

        // load <path> <seconds> <concurrency> [cookie header…]: GETs for that long; answers the count and the bytes.
        ["load", var path, var seconds, var concurrency, .. var cookie] =>
            await LoadLoop.RunAsync(root, path, TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)), Int(concurrency),
                cookie.Length == 0 ? null : string.Join(' ', cookie)),

        ["quit"] => null,
        _ => throw new ArgumentException($"Unknown command '{string.Join(' ', words)}'."),
    };

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
