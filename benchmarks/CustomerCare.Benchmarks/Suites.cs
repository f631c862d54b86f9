using System.Text;
using CustomerCare.Benchmarks.Board;
using CustomerCare.Benchmarks.FanOut;
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

        output.AppendLine($"Load average at the end: {Machine.Load()}");
        return output.ToString();
    }

    public static IReadOnlyList<DatabaseProvider> ParseProviders(string value) => value.ToLowerInvariant() switch
    {
        "sqlite" => [DatabaseProvider.Sqlite],
        "postgres" or "postgresql" => [DatabaseProvider.Postgres],
        "all" => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
        _ => throw new ArgumentException($"--provider is sqlite, postgres or all, not '{value}'."),
    };
}
