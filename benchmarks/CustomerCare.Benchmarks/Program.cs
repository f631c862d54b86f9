using CustomerCare.Benchmarks;
using CustomerCare.Data;

// dotnet run -c Release --project benchmarks/CustomerCare.Benchmarks -- <board|votes|fanout|api|insights|seen|memory|pageload|visitors|all> [--smoke] [--provider sqlite|postgres|all] [--visitors 1000,5000] [--out file.md]
// The browser suites (seen, memory, pageload, visitors) drive /usr/bin/chromium, or CUSTOMERCARE_CHROMIUM.
// visitors-client <root>: the visitors suite's clients, a process of their own (VisitorClient; the suite starts it).
// heapstat <dump> <baseline dump> <circuits> [rows] [--detail]: per-type heap growth (HeapStat; dumps from CUSTOMERCARE_BENCH_DUMP).
// PostgreSQL comes from CUSTOMERCARE_BENCH_POSTGRES (or test.sh's CUSTOMERCARE_TEST_POSTGRES); benchmarks/run starts one.
if (args is ["heapstat", var dump, var baseline, var per, .. var rest])
{
    // The profiler for item 3: see HeapStat.
    var invariant = System.Globalization.CultureInfo.InvariantCulture;
    var rows = rest.FirstOrDefault(a => !a.StartsWith('-')) is { } count ? int.Parse(count, invariant) : 40;
    Console.WriteLine(HeapStat.Report(dump, baseline, int.Parse(per, invariant), rows, detail: rest.Contains("--detail")));
    return 0;
}

if (args is [CustomerCare.Benchmarks.Visitors.VisitorClient.Command, var root])
{
    return await CustomerCare.Benchmarks.Visitors.VisitorClient.RunAsync(new Uri(root));
}

var suites = new List<string>();
List<int>? visitors = null;
var smoke = false;
string? provider = null;
string? outFile = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--smoke": smoke = true; break;
        case "--provider" when i + 1 < args.Length: provider = args[++i]; break;
        case "--out" when i + 1 < args.Length: outFile = args[++i]; break;
        case "--visitors" when i + 1 < args.Length: visitors = [.. args[++i].Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))]; break;
        case "all": suites.AddRange(BenchOptions.AllSuites); break;
        case var name when !name.StartsWith('-'): suites.Add(name); break;
        default:
            await Console.Error.WriteLineAsync($"Unknown option {args[i]}. Usage: <{string.Join('|', BenchOptions.AllSuites)}|all> [--smoke] [--provider sqlite|postgres|all] [--visitors 1000,5000] [--out file.md]");
            return 2;
    }
}

var postgres = BenchOptions.PostgresFromEnvironment();
var options = new BenchOptions
{
    Suites = suites.Count == 0 ? BenchOptions.AllSuites : suites.Distinct().ToList(),
    Providers = provider is not null ? Suites.ParseProviders(provider)
        : postgres is null ? [DatabaseProvider.Sqlite] : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
    Smoke = smoke,
    VisitorCounts = visitors,
    PostgresServer = postgres,
    LiveProgress = !Console.IsErrorRedirected,
};

try
{
    var markdown = await Suites.RunAsync(options);
    Console.WriteLine(markdown);
    if (outFile is not null)
    {
        await File.WriteAllTextAsync(outFile, markdown);
    }

    return 0;
}
catch (BenchmarkCheckException ex)
{
    await Console.Error.WriteLineAsync($"CHECK FAILED: {ex.Message}");
    return 1;
}
