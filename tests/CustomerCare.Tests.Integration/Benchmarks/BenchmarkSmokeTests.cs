using CustomerCare.Benchmarks;
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
        Assert.Contains("| Sqlite | as shipped |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sqlite | one writer at a time (experiment) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sqlite | 5 | 2 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_suite_runs_in_smoke_mode_on_postgres_and_its_counts_check_out()
    {
        var markdown = await RunAsync(DatabaseProvider.Postgres, TestDependencies.Postgres);

        Assert.Contains("| Postgres | Trending |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Postgres | as shipped |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Postgres | 5 | 2 |", markdown, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(DatabaseProvider provider, string? postgres)
    {
        var log = new StringWriter();
        var options = new BenchOptions
        {
            Suites = BenchOptions.AllSuites,
            Providers = [provider],
            Smoke = true,
            PostgresServer = postgres,
            Log = log,
        };
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
