using System.Globalization;
using CustomerCare.Benchmarks.Seeding;
using CustomerCare.Data;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CustomerCare.Benchmarks.Browser;

/// <summary>
/// Issue 7, item 2 ("what people see"): N idea pages open in Chromium, each its own browser context and Blazor
/// circuit; each round saves a reply through ThreadService.ReplyAsync (as the composer does) and every page
/// records, with a MutationObserver, the moment the reply's text enters its reply list. Both ends read the
/// same machine's wall clock in epoch ms: the server before ReplyAsync, the page as performance.timeOrigin +
/// performance.now(). A calibration step per page measures the offset between the two clocks. A page that
/// misses a reply fails the run. No reference is run beside it: the goal is absolute (p50 ≤ 50 ms,
/// p95 ≤ 150 ms at N = 50); item 1 (fan-out) holds the SignalR reference.
/// </summary>
public static class SeenSuite
{
    public const string TableHeader = """
        | Database | pages | rounds | samples | p50 ms | p95 ms | p99 ms | max ms | ReplyAsync p50 ms | to socket p50 / p95 ms | socket to DOM p50 / p95 ms | open all s | clock offset p50 / max ms (± half RTT max) | goal (N = 50: p50 ≤ 50, p95 ≤ 150) |
        |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|
        """;

    // Before any page script: stamps every WebSocket message as it arrives, ahead of Blazor's own handler (a
    // listener added in the constructor runs before the onmessage that SignalR sets later). The message just
    // before the reply's DOM mutation is the render batch that carries it: that splits the time into server
    // (save, publish, render, send) and browser (queue, apply the batch).
    private const string SocketStamp = """
        (() => {
          const Native = window.WebSocket;
          window.__ccLastMessage = 0;
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              this.addEventListener('message', () => { window.__ccLastMessage = performance.timeOrigin + performance.now(); });
            }
          };
        })();
        """;

    // Installed once the page is interactive. Markers are armed before the save; the observer stamps the first
    // DOM mutation after which the reply list holds the marker's text; wait() resolves with [seen, socket].
    private const string Observer = """
        () => {
          const seen = {}, wanted = new Set(), waiters = {};
          const now = () => performance.timeOrigin + performance.now();
          const check = () => {
            if (wanted.size === 0) return;
            const list = document.querySelector('[data-testid=reply-list]');
            const text = list ? list.textContent : '';
            const at = [now(), window.__ccLastMessage];
            for (const m of [...wanted]) {
              if (text.includes(m)) { wanted.delete(m); seen[m] = at; if (waiters[m]) waiters[m](at); }
            }
          };
          new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
          window.__ccArm = m => { wanted.add(m); check(); };
          window.__ccWait = m => seen[m] !== undefined ? seen[m] : new Promise(r => { waiters[m] = r; });
        }
        """;

    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(30);

    public static async Task<string> RunAsync(BenchOptions options, DatabaseProvider provider, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = new BoardData(new BoardSize(2, 1, 0, 0, 0, 0, 0), DateTime.UtcNow);
        SeedResult? seeded = null;
        await using var host = await BrowserHost.StartAsync(options, provider, async p => seeded = await BoardSeeder.SeedAsync(p, data, options, ct));
        var rows = new List<string>();
        foreach (var n in options.Browser.SeenPages)
        {
            options.Log.WriteLine($"== seen on {provider}: {n} pages, {options.Browser.SeenRounds} rounds");
            rows.Add(await MeasureAsync(host, options, provider, seeded!.FirstIdeaId, data.UserIds[0], n, ct));
        }

        return string.Join(Environment.NewLine, rows);
    }

    public static double EpochMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static async Task<string> MeasureAsync(
        BrowserHost host, BenchOptions options, DatabaseProvider provider, int ideaId, string authorId, int n, CancellationToken ct)
    {
        var size = options.Browser;
        var pages = new List<IPage>();
        try
        {
            var opening = System.Diagnostics.Stopwatch.StartNew();
            var offsets = await BrowserHost.OpenManyAsync(n, size.OpenConcurrency, async i =>
            {
                var page = await host.NewPageAsync(SocketStamp);
                lock (pages)
                {
                    pages.Add(page);
                }

                await page.GotoAsync($"posts/{ideaId}");
                // The list is an empty, zero-height div until the first reply: attached, not visible.
                await page.Locator(".cc-layout[data-interactive=true] [data-testid=reply-list]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                await page.EvaluateAsync(Observer);
                return await ClockOffsetAsync(page);
            });
            var openSeconds = opening.Elapsed.TotalSeconds;
            if (!await host.Circuits.WaitForAsync(n, TimeSpan.FromSeconds(10)))
            {
                throw new BenchmarkCheckException($"{n} pages are open but the server counts {host.Circuits.Open} circuits.");
            }

            var threads = host.Portal.Services.GetRequiredService<ThreadService>();
            var author = new Viewer(authorId, false, false, false);
            var seen = new Latency();
            var server = new Latency();
            var browser = new Latency();
            var saves = new Latency();
            for (var round = -1; round < size.SeenRounds; round++)
            {
                // Round -1 warms up the render and the observers and is not counted.
                var marker = $"seen-{n}-{round + 1}-{Guid.NewGuid():N}";
                await Task.WhenAll(pages.Select(p => p.EvaluateAsync("m => window.__ccArm(m)", marker)));
                var saved = EpochMs();
                var result = await threads.ReplyAsync(ideaId, null, $"Reply {marker}", false, author, ct);
                saves.Add(TimeSpan.FromMilliseconds(EpochMs() - saved));
                if (result.Outcome != ThreadOutcome.Posted)
                {
                    throw new BenchmarkCheckException($"{provider}: the reply was not saved ({result.Outcome}).");
                }

                var stamps = await Task.WhenAll(pages.Select(p => WaitAsync(p, marker)));
                var missing = stamps.Count(s => s is null);
                if (missing > 0)
                {
                    throw new BenchmarkCheckException($"{missing} of {n} pages did not show reply {round + 1} within {RoundTimeout.TotalSeconds:F0} s.");
                }

                if (round >= 0)
                {
                    foreach (var (dom, socket) in stamps.Select(s => s!.Value))
                    {
                        seen.Add(TimeSpan.FromMilliseconds(dom - saved));
                        server.Add(TimeSpan.FromMilliseconds(socket - saved));
                        browser.Add(TimeSpan.FromMilliseconds(dom - socket));
                    }
                }
            }

            var clock = Clock(offsets);
            options.Log.WriteLine($"{provider} seen by {n}: p50 {seen.P50:F1} p95 {seen.P95:F1} p99 {seen.P99:F1} ms (to socket p50 {server.P50:F1}, socket to DOM p50 {browser.P50:F1}); clock {clock}");
            var met = n != 50 ? "—" : seen.P50 <= 50 && seen.P95 <= 150 ? "met" : "missed";
            return string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {n} | {size.SeenRounds} | {seen.Count} | {seen.P50:F1} | {seen.P95:F1} | {seen.P99:F1} | {seen.Percentile(100):F1} | {saves.P50:F1} | {server.P50:F1} / {server.P95:F1} | {browser.P50:F1} / {browser.P95:F1} | {openSeconds:F1} | {clock} | {met} |");
        }
        finally
        {
            foreach (var page in pages)
            {
                await BrowserHost.ClosePageAsync(page);
            }
        }
    }

    private static async Task<(double Dom, double Socket)?> WaitAsync(IPage page, string marker)
    {
        try
        {
            var stamps = await page.EvaluateAsync<double[]>("m => window.__ccWait(m)", marker).WaitAsync(RoundTimeout);
            return (stamps[0], stamps[1]);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// The page's clock minus the server's, read between two server stamps: the page's reading must fall inside
    /// that window, so the true offset is the midpoint's within ± half the round trip.
    /// </summary>
    private static async Task<(double Offset, double HalfRoundTrip)> ClockOffsetAsync(IPage page)
    {
        var best = (Offset: 0.0, HalfRoundTrip: double.MaxValue);
        for (var i = 0; i < 5; i++)
        {
            var before = EpochMs();
            var browser = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var after = EpochMs();
            var half = (after - before) / 2;
            if (half < best.HalfRoundTrip)
            {
                best = (browser - (before + after) / 2, half);
            }
        }

        return best;
    }

    private static string Clock((double Offset, double HalfRoundTrip)[] offsets)
    {
        var sorted = offsets.Select(o => o.Offset).Order().ToList();
        var median = sorted[sorted.Count / 2];
        var max = offsets.Max(o => Math.Abs(o.Offset));
        var half = offsets.Max(o => o.HalfRoundTrip);
        return string.Create(CultureInfo.InvariantCulture, $"{median:+0.0;-0.0} / {max:F1} (± {half:F1})");
    }
}
