using System.Diagnostics;
using System.Globalization;
using CustomerCare.Benchmarks.Seeding;
using CustomerCare.Data;
using Microsoft.Playwright;

namespace CustomerCare.Benchmarks.Browser;

/// <summary>
/// Issue 7, item 3: server memory per idle circuit on the board page, beside the benchmark's empty interactive
/// page in the same host, and beside pages with no circuit at all (about:blank: what the harness itself holds
/// per page, Playwright's .NET objects live in this process too). For each kind: a forced full GC, the GC heap
/// and the process working set; then N tabs (one browser context, see ChromiumArgs), until each is interactive and the
/// server counts N circuits; a forced full GC again; the differences divided by N. The pages are closed
/// afterwards and the circuits must be released (a page that leaves tells the server at once). Every tab is a signed-in
/// customer's (BrowserHost): since issue 23 that is who gets a circuit on the board.
/// </summary>
public static class MemorySuite
{
    public const string TableHeader = """
        | Database | page | circuits | components per circuit | GC heap before MiB | after MiB | heap per page KiB | working set per page KiB | released on close |
        |---|---|---:|---:|---:|---:|---:|---:|---|
        """;

    // Chromium with 100+ tabs on two cores: four renderer processes share the tabs. That needs one browser
    // context for all of them (contexts never share a renderer: a context per page meant 100+ renderers and
    // minutes per 100 pages here). Each tab still runs its own Blazor circuit, which is what is measured.
    public static readonly IReadOnlyList<string> ChromiumArgs = ["--renderer-process-limit=4"];

    private sealed record Kind(string Name, string Path, string? Selector);

    public static async Task<string> RunAsync(BenchOptions options, DatabaseProvider provider, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A board with a full first page; the size only shapes what each circuit holds (one page of cards).
        var data = new BoardData(BoardSize.Smoke, DateTime.UtcNow);
        await using var host = await BrowserHost.StartAsync(options, provider, p => BoardSeeder.SeedAsync(p, data, options, ct), ChromiumArgs);
        Kind[] kinds =
        [
            new("about:blank (harness, no circuit)", "about:blank", null),
            new("empty interactive page", EmptyPage.Path.TrimStart('/'), EmptyPage.InteractiveSelector),
            // The portal's emptiest routed page: the interactive layout (app bar, menu, bell) and three lines of text.
            new("layout only (/not-found)", "not-found", ".cc-layout[data-interactive=true]"),
            new("board (/)", "", PageLoadSuite.BoardInteractiveSelector),
        ];

        // Warm-up: one of each, so JIT and first-use caches are not counted as circuit memory.
        foreach (var kind in kinds)
        {
            var context = await host.NewContextAsync();
            await OpenAsync(context, kind);
            await CloseAllAsync(context);
        }

        var n = options.Browser.Circuits;
        var results = new List<(Kind Kind, double Heap, double WorkingSet, string Row)>();
        foreach (var kind in kinds)
        {
            options.Log.WriteLine($"== memory on {provider}: {n} × {kind.Name}");
            results.Add(await MeasureAsync(options, host, provider, kind, n));
        }

        var harness = results[0];
        var empty = results[1];
        var layout = results[2];
        var board = results[3];
        var ratio = (board.Heap - harness.Heap) / (empty.Heap - harness.Heap);
        var wsRatio = (board.WorkingSet - harness.WorkingSet) / (empty.WorkingSet - harness.WorkingSet);
        var layoutRatio = (board.Heap - harness.Heap) / (layout.Heap - harness.Heap);
        var layoutWsRatio = (board.WorkingSet - harness.WorkingSet) / (layout.WorkingSet - harness.WorkingSet);
        string[] summary =
        [
            string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | board ÷ empty page, harness subtracted | | | | | {ratio:F2} | {wsRatio:F2} | goal (heap ≤ 1.5×): {(ratio <= 1.5 ? "met" : "missed")} |"),
            string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | board ÷ layout only, harness subtracted | | | | | {layoutRatio:F2} | {layoutWsRatio:F2} | |"),
        ];
        return string.Join(Environment.NewLine, results.Select(r => r.Row).Concat(summary));
    }

    private static async Task<(Kind, double, double, string)> MeasureAsync(BenchOptions options, BrowserHost host, DatabaseProvider provider, Kind kind, int n)
    {
        var m = await MeasurePagesAsync(options, host, provider, kind.Path, kind.Selector, n);
        const double MiB = 1024.0 * 1024;
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {kind.Name} | {m.Circuits} | {m.Components} | {m.HeapBefore / MiB:F1} | {m.HeapAfter / MiB:F1} | {m.HeapPerPage:F1} | {m.WorkingSetPerPage:F1} | {m.Released} |");
        return (kind, m.HeapPerPage, m.WorkingSetPerPage, row);
    }

    /// <summary>What <see cref="MeasurePagesAsync"/> found: per page in KiB, the heap before and after in bytes.</summary>
    public sealed record PageMemory(int Circuits, string Components, long HeapBefore, long HeapAfter, double HeapPerPage, double WorkingSetPerPage, string Released);

    /// <summary>
    /// N tabs of <paramref name="path"/> in one context, each until <paramref name="selector"/> is attached (no selector:
    /// no circuit expected) and the server counts the circuits; the heap and working set before and after, per page.
    /// </summary>
    public static async Task<PageMemory> MeasurePagesAsync(BenchOptions options, BrowserHost host, DatabaseProvider provider, string path, string? selector, int n)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        var kind = new Kind(path, path, selector);

        // A tab whose unload beacon got lost (in the warm-up or the kind before) leaves its circuit kept as
        // disconnected until the host's short retention ends: wait for those to go, so they neither leave mid-count nor
        // in the heap's difference. What still stays after that is counted relative to (a leak the row shows).
        await host.Circuits.WaitForAsync(0, BrowserHost.DisconnectedRetention + TimeSpan.FromSeconds(20));
        var held = host.Circuits.Open;
        var (heapBefore, wsBefore) = Measure();
        var context = await host.NewContextAsync();
        var opened = kind.Selector is null ? 0 : n;
        var expected = held + opened;
        try
        {
            await BrowserHost.OpenManyAsync(n, 4, _ => OpenAsync(context, kind));
            if (!await host.Circuits.WaitForAsync(expected, TimeSpan.FromSeconds(30)))
            {
                throw new BenchmarkCheckException($"{n} pages of {kind.Name} are open but the server counts {host.Circuits.Open} circuits, not {expected} ({held} held before).");
            }

            // Idle: let the first renders' buffers and the circuits' initial traffic settle.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (heapAfter, wsAfter) = Measure();
            if (HeapStat.DumpFolder is { } folder)
            {
                await HeapStat.WriteDumpAsync(folder, $"{provider}-{kind.Path switch { "" => "board", "about:blank" => "blank", var p => p.Replace('/', '-') }}", options.Log);
            }

            var components = host.Circuits.ComponentsPerCircuit() is { } c ? c.ToString("F0", CultureInfo.InvariantCulture) : "n/a";
            var heap = (heapAfter - heapBefore) / n / 1024.0;
            var ws = (wsAfter - wsBefore) / n / 1024.0;
            await CloseAllAsync(context);
            var released = await ReleasedAsync(host, held);
            return new(opened, components, heapBefore, heapAfter, heap, ws, released);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// "yes" when every circuit goes within 5 s of its tab leaving (the unload beacon told the server); "yes, k after
    /// the disconnected retention" when some beacons got lost and the circuits went only when the host's short
    /// retention ran out; "no (k left)" when circuits outlive even that: a leak.
    /// </summary>
    private static async Task<string> ReleasedAsync(BrowserHost host, int held)
    {
        if (await host.Circuits.WaitUntilAsync(open => open <= held, TimeSpan.FromSeconds(5)))
        {
            return "yes";
        }

        var late = host.Circuits.Open - held;
        return await host.Circuits.WaitUntilAsync(open => open <= held, BrowserHost.DisconnectedRetention + TimeSpan.FromSeconds(20))
            ? string.Create(CultureInfo.InvariantCulture, $"yes, {late} after the {BrowserHost.DisconnectedRetention.TotalSeconds:F0} s disconnected retention")
            : string.Create(CultureInfo.InvariantCulture, $"no ({host.Circuits.Open - held} left)");
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, Kind kind)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(kind.Path);
        if (kind.Selector is not null)
        {
            await page.Locator(kind.Selector).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }

        return page;
    }

    /// <summary>Every tab leaves its page first (Blazor then tells the server its circuit is gone), then the context closes.</summary>
    private static async Task CloseAllAsync(IBrowserContext context)
    {
        var pages = context.Pages.ToList();
        await BrowserHost.OpenManyAsync(pages.Count, 8, async i =>
        {
            await pages[i].GotoAsync("about:blank");
            return true;
        });
        await context.CloseAsync();
    }

    /// <summary>
    /// The GC heap after a compacting full collection, and the process working set (VmRSS). With Server GC (the csproj,
    /// like ASP.NET Core's default) the working set keeps committed but free GC memory, so the collection is the
    /// aggressive kind, which gives back as much of it as it can (since issue 23; before, the working set moved in steps
    /// and read higher than the heap). The heap is still the figure to compare.
    /// </summary>
    public static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }
}
