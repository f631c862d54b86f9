using System.Diagnostics;
using System.Globalization;
using CustomerCare.Benchmarks.Seeding;
using CustomerCare.Benchmarks.Visitors;
using CustomerCare.Data;

namespace CustomerCare.Benchmarks.Browser;

/// <summary>
/// Issue 7, item 6: the board page with the full board seeded (100,000 ideas; BoardSize), beside the benchmark's
/// empty page in the same host, loads interleaved. Time to first byte from HttpClient (response headers; the
/// prerendered page is written once rendered) and from Chromium's Navigation Timing (responseStart), and time
/// until the page is interactive, from navigation start in a cold browser context each time: the circuit is up
/// (MainLayout sets data-interactive=true when it renders over the circuit) and a vote button is enabled, i.e.
/// the board's interactive render has loaded its ideas again and a click would count. The empty page is
/// interactive when its island renders over the circuit. A MutationObserver from an init script stamps the
/// first moment the condition holds (no polling). Both load the pages as a signed-in customer (BrowserHost): since issue 23
/// that is who gets the interactive board.
/// </summary>
public static class PageLoadSuite
{
    public const string BoardInteractiveSelector = ".cc-layout[data-interactive=true] [data-testid=vote-button]:not([disabled])";

    public const string TableHeader = """
        | Database | page | ideas | loads | HttpClient TTFB p50 ms | p95 ms | Chromium responseStart p50 ms | p95 ms | interactive p50 ms | p95 ms |
        |---|---|---:|---:|---:|---:|---:|---:|---:|---:|
        """;

    private const string Stamp = """
        (selector => {
          let resolve;
          window.__ccInteractive = new Promise(r => { resolve = r; });
          const check = () => {
            if (document.querySelector(selector)) { observer.disconnect(); resolve(performance.now()); }
          };
          const observer = new MutationObserver(check);
          observer.observe(document, { childList: true, subtree: true, attributes: true });
        })
        """;

    private sealed record Kind(string Name, string Path, string Selector)
    {
        public Latency Ttfb { get; } = new();

        public Latency ResponseStart { get; } = new();

        public Latency Interactive { get; } = new();
    }

    public static async Task<string> RunAsync(BenchOptions options, DatabaseProvider provider, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = new BoardData(options.Board, DateTime.UtcNow);
        await using var host = await BrowserHost.StartAsync(options, provider, p => BoardSeeder.SeedAsync(p, data, options, ct));
        Kind[] kinds = [new("board (/)", "", BoardInteractiveSelector), new("empty interactive page", EmptyPage.Path.TrimStart('/'), EmptyPage.InteractiveSelector)];
        using var http = new HttpClient { BaseAddress = host.Root };
        // The browser's contexts are a signed-in customer's (BrowserHost): so is the HttpClient's request.
        http.DefaultRequestHeaders.Add("Cookie", CustomerSignIn.Header(host.Customer));
        var loads = options.Browser.PageLoads;
        options.Log.WriteLine($"== page load on {provider}: {data.Size.Ideas:N0} ideas, {loads} loads of each page");
        for (var i = -2; i < loads; i++)
        {
            // Two warm-up loads of each (JIT, the database's first pages) are not counted.
            foreach (var kind in kinds)
            {
                await LoadAsync(host, http, kind, count: i >= 0, ct);
            }
        }

        foreach (var kind in kinds)
        {
            options.Log.WriteLine($"{provider} {kind.Name}: TTFB p50 {kind.Ttfb.P50:F1} ms, interactive p50 {kind.Interactive.P50:F1} ms");
        }

        var rows = kinds.Select(k => string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {k.Name} | {(k == kinds[0] ? data.Size.Ideas.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {loads} | {k.Ttfb.P50:F1} | {k.Ttfb.P95:F1} | {k.ResponseStart.P50:F1} | {k.ResponseStart.P95:F1} | {k.Interactive.P50:F1} | {k.Interactive.P95:F1} |"));
        var (board, empty) = (kinds[0], kinds[1]);
        var ratio = string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | board ÷ empty page | | | {board.Ttfb.P50 / empty.Ttfb.P50:F2} | {board.Ttfb.P95 / empty.Ttfb.P95:F2} | {board.ResponseStart.P50 / empty.ResponseStart.P50:F2} | {board.ResponseStart.P95 / empty.ResponseStart.P95:F2} | {board.Interactive.P50 / empty.Interactive.P50:F2} | {board.Interactive.P95 / empty.Interactive.P95:F2} |");
        return string.Join(Environment.NewLine, rows.Append(ratio));
    }

    private static async Task LoadAsync(BrowserHost host, HttpClient http, Kind kind, bool count, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        using (var response = await http.GetAsync(kind.Path, HttpCompletionOption.ResponseHeadersRead, ct))
        {
            var ttfb = Stopwatch.GetElapsedTime(start);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsStringAsync(ct);
            if (count)
            {
                kind.Ttfb.Add(ttfb);
            }
        }

        var page = await host.NewPageAsync($"{Stamp}({System.Text.Json.JsonSerializer.Serialize(kind.Selector)})");
        try
        {
            await page.GotoAsync(kind.Path);
            double interactive;
            try
            {
                // Playwright puts no timeout on a promise it awaits in the page.
                interactive = await page.EvaluateAsync<double>("() => window.__ccInteractive").WaitAsync(TimeSpan.FromSeconds(60), ct);
            }
            catch (TimeoutException)
            {
                throw new BenchmarkCheckException($"{kind.Name} did not become interactive ({kind.Selector}) within 60 s.");
            }

            var responseStart = await page.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].responseStart");
            if (count)
            {
                kind.Interactive.Add(TimeSpan.FromMilliseconds(interactive));
                kind.ResponseStart.Add(TimeSpan.FromMilliseconds(responseStart));
            }
        }
        finally
        {
            await BrowserHost.ClosePageAsync(page);
        }
    }
}
