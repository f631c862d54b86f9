using System.Globalization;
using CustomerCare.Data;

namespace CustomerCare.Benchmarks.Visitors;

/// <summary>
/// Item 4's throughput: board requests per second for a visitor who is not signed in (no cookie, Brotli) beside the
/// portal's static favicon in the same run, from the visitors' process (<see cref="LoadLoop"/>), and the board for a
/// signed-in customer (today's path: the interactive page prerendered). Each is loaded in two halves, interleaved with
/// the others (static, visitor, customer, then again), so a burst of load on the shared machine falls on all three.
/// </summary>
public static class Throughput
{
    public const string TableHeader = """
        | Database | request | concurrency | seconds | answers | answers/s | bytes per answer | encoding | ÷ static file | goal (visitor's board ≥ 25 %) |
        |---|---|---:|---:|---:|---:|---:|---|---:|---|
        """;

    public const string StaticFile = "/favicon.svg";

    private sealed record Kind(string Name, string Path, string? Cookie)
    {
        public long Requests { get; set; }

        public double Seconds { get; set; }

        public long Bytes { get; set; }

        public string Encoding { get; set; } = "-";

        public double PerSecond => Requests / Seconds;
    }

    public static async Task<string> RunAsync(VisitorClients clients, VisitorSize size, DatabaseProvider provider, string customerCookie, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(log);
        Kind[] kinds =
        [
            new($"static file ({StaticFile})", StaticFile, null),
            new("board (/), visitor: no cookie", "/", null),
            new("board (/), signed-in customer (today's path)", "/", customerCookie),
        ];
        log.WriteLine($"== throughput on {provider}: {size.LoadDuration.TotalSeconds:F0} s each at concurrency {size.LoadConcurrency}");
        for (var pass = -1; pass < 2; pass++)
        {
            // Pass -1 warms every path up (JIT, caches, the connections) and is not counted.
            var seconds = pass < 0 ? Math.Min(2, size.LoadDuration.TotalSeconds / 2) : size.LoadDuration.TotalSeconds / 2;
            foreach (var kind in kinds)
            {
                var command = string.Create(CultureInfo.InvariantCulture, $"load {kind.Path} {seconds:F1} {size.LoadConcurrency} {kind.Cookie}").TrimEnd();
                var reply = await clients.AskAsync(command, TimeSpan.FromSeconds(seconds + 120), ct);
                if (long.Parse(reply[2], CultureInfo.InvariantCulture) is var errors and > 0)
                {
                    throw new BenchmarkCheckException($"{errors} requests of {kind.Name} were not answered 200 (the last: {reply[6]}).");
                }

                if (pass >= 0)
                {
                    var requests = long.Parse(reply[1], CultureInfo.InvariantCulture);
                    kind.Requests += requests;
                    kind.Seconds += double.Parse(reply[3], CultureInfo.InvariantCulture);
                    kind.Bytes += long.Parse(reply[4], CultureInfo.InvariantCulture) * requests;
                    kind.Encoding = reply[5];
                }
            }
        }

        var reference = kinds[0].PerSecond;
        return string.Join(Environment.NewLine, kinds.Select((k, i) =>
        {
            var ratio = k.PerSecond / reference;
            var goal = i == 1 ? (ratio >= 0.25 ? "met" : "missed") : "";
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider} {k.Name}: {k.PerSecond:F0}/s ({ratio:P0} of the static file)"));
            return string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {k.Name} | {size.LoadConcurrency} | {k.Seconds:F1} | {k.Requests:N0} | {k.PerSecond:N0} | {(k.Requests == 0 ? 0 : k.Bytes / k.Requests):N0} | {k.Encoding} | {ratio:P0} | {goal} |");
        }));
    }
}
