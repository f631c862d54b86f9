using CustomerCare.Benchmarks;
using CustomerCare.Benchmarks.Api;
using CustomerCare.Data;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Benchmarks;

/// <summary>
/// The benchmark suite (benchmarks/CustomerCare.Benchmarks) in smoke mode: tiny sizes, the same code paths.
/// A suite that throws, or a count check that finds a counter disagreeing with its rows, fails the test; no
/// figure is asserted (speed is for docs/benchmarks.md, not for a test).
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task Every_suite_runs_in_smoke_mode_on_sqlite_and_its_counts_check_out()
    {
        var markdown = await RunAsync(DatabaseProvider.Sqlite, postgres: null);

        Assert.Contains("| Sqlite | Top |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sqlite | Search \"Rechnung\" |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sqlite | 8 | 10 | 120 |", markdown, StringComparison.Ordinal); // votes: every user's 15 toggles, checked
        Assert.Contains("| Sqlite | 5 | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("### API listing", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sqlite | Top |", markdown[markdown.IndexOf("### API listing", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains($"| Sqlite | {ApiSuite.LaterPage} |", markdown, StringComparison.Ordinal); // API and page listed the same ideas
        Assert.Contains("| Sqlite | Report, year (52 weeks) |", markdown, StringComparison.Ordinal); // its figures equal direct counts
        Assert.Contains("| Sqlite | Story (staff), most posts:", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_suite_runs_in_smoke_mode_on_postgres_and_its_counts_check_out()
    {
        var markdown = await RunAsync(DatabaseProvider.Postgres, TestDependencies.Postgres);

        Assert.Contains("| Postgres | Trending |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Postgres | 8 | 10 | 120 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Postgres | 5 | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("### API listing", markdown, StringComparison.Ordinal);
        Assert.Contains("| Postgres | Search \"Rechnung\" |", markdown[markdown.IndexOf("### API listing", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains($"| Postgres | {ApiSuite.LaterPage} |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Postgres | Report, year (52 weeks), ideas of category", markdown, StringComparison.Ordinal);
        Assert.Contains("| Postgres | Profile, typical:", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_suites_run_in_smoke_mode_and_every_page_sees_every_reply()
    {
        var chromium = TestDependencies.Chromium; // skips here, fails under CI, when Debian's Chromium is missing

        var markdown = await RunAsync(DatabaseProvider.Sqlite, postgres: null, BenchOptions.BrowserSuites, chromium);

        Assert.Contains("| Sqlite | 2 | 2 | 4 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sqlite | board (/) | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sqlite | empty interactive page | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sqlite | board (/) | 300 | 2 |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| no (", markdown, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(
        DatabaseProvider provider, string? postgres, IReadOnlyList<string>? suites = null, string? chromium = null)
    {
        var log = new StringWriter();
        var options = new BenchOptions
        {
            Suites = suites ?? BenchOptions.ServerSuites,
            Providers = [provider],
            Smoke = true,
            PostgresServer = postgres,
            Log = log,
        };
        if (chromium is not null)
        {
            options = options with { Chromium = chromium };
        }

        try
        {
            return await Suites.RunAsync(options, TestContext.Current.CancellationToken);
        }
        catch (BenchmarkCheckException ex)
        {
            Assert.Fail($"{ex.Message}{Environment.NewLine}{log}");
            throw;
        }
    }
}
