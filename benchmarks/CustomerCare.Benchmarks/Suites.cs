using System.Text;
using CustomerCare.Benchmarks.Api;
using CustomerCare.Benchmarks.Board;
using CustomerCare.Benchmarks.Browser;
using CustomerCare.Benchmarks.FanOut;
using CustomerCare.Benchmarks.Insights;
using CustomerCare.Benchmarks.Visitors;
using CustomerCare.Benchmarks.Votes;
using CustomerCare.Data;

namespace CustomerCare.Benchmarks;

/// <summary>
/// The one entry point of the suite: the console program and the smoke test both call <see cref="RunAsync"/>.
/// It returns the results as markdown and throws when a suite fails or a check finds a wrong count.
/// </summary>
public static class Suites
{
    public static async Task<string> RunAsync(BenchOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var unknown = options.Suites.Except(BenchOptions.AllSuites).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown suite {string.Join(", ", unknown)}; the suites are {string.Join(", ", BenchOptions.AllSuites)}.");
        }

        var output = new StringBuilder();
        output.AppendLine($"Machine: {Machine.Describe()} (at start){(options.Smoke ? "; SMOKE MODE (tiny sizes, figures mean nothing)" : "")}").AppendLine();
        if (options.Suites.Contains("board"))
        {
            output.AppendLine("### Board at scale").AppendLine();
            foreach (var provider in options.Providers)
            {
                output.AppendLine(await BoardSuite.RunAsync(options, provider, ct));
            }
        }

        if (options.Suites.Contains("votes"))
        {
            output.AppendLine("### Votes").AppendLine().AppendLine(VoteSuite.TableHeader);
            foreach (var provider in options.Providers)
            {
                output.AppendLine(await VoteSuite.RunAsync(options, provider, ct));
            }

            output.AppendLine();
        }

        if (options.Suites.Contains("fanout"))
        {
            output.AppendLine("### Fan-out").AppendLine().AppendLine(FanOutSuite.TableHeader);
            foreach (var provider in options.Providers)
            {
                output.AppendLine(await FanOutSuite.RunAsync(options, provider, ct));
            }

            output.AppendLine();
        }

        if (options.Suites.Contains("api"))
        {
            output.AppendLine("### API listing").AppendLine();
            foreach (var provider in options.Providers)
            {
                output.AppendLine(await ApiSuite.RunAsync(options, provider, ct));
            }
        }

        if (options.Suites.Contains("insights"))
        {
            output.AppendLine("### Insights at scale").AppendLine();
            foreach (var provider in options.Providers)
            {
                output.AppendLine(await InsightsSuite.RunAsync(options, provider, ct));
            }
        }

        await RunBrowserSuitesAsync(options, output, ct);
        output.AppendLine($"Load average at the end: {Machine.Load()}");
        return output.ToString();
    }

    private static async Task RunBrowserSuitesAsync(BenchOptions options, StringBuilder output, CancellationToken ct)
    {
        (string Suite, string Title, string Header, Func<BenchOptions, DatabaseProvider, CancellationToken, Task<string>> Run)[] suites =
        [
            ("seen", "What people see", SeenSuite.TableHeader, SeenSuite.RunAsync),
            ("memory", "Memory per circuit", MemorySuite.TableHeader, MemorySuite.RunAsync),
            ("pageload", "Page load", PageLoadSuite.TableHeader, PageLoadSuite.RunAsync),
        ];
        foreach (var (suite, title, header, run) in suites.Where(s => options.Suites.Contains(s.Suite)))
        {
            output.AppendLine($"### {title}").AppendLine().AppendLine(header);
            foreach (var provider in options.Providers)
            {
                output.AppendLine(await run(options, provider, ct));
            }

            output.AppendLine();
        }

        if (options.Suites.Contains("visitors"))
        {
            output.AppendLine("### Visitors at scale").AppendLine();
            foreach (var provider in options.Providers)
            {
                output.AppendLine(await VisitorSuite.RunAsync(options, provider, ct));
            }
        }
    }

    public static IReadOnlyList<DatabaseProvider> ParseProviders(string value) => value.ToLowerInvariant() switch
    {
        "sqlite" => [DatabaseProvider.Sqlite],
        "postgres" or "postgresql" => [DatabaseProvider.Postgres],
        "all" => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
        _ => throw new ArgumentException($"--provider is sqlite, postgres or all, not '{value}'."),
    };
}
