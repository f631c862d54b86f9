using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using CustomerCare.Benchmarks.Visitors;
using CustomerCare.Data;
using CustomerCare.Web.Components;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace CustomerCare.Benchmarks.Browser;

/// <summary>
/// The FULL portal as src/CustomerCare.Web/Program.cs wires it (pipeline, static assets, Razor components with
/// interactive Server rendering, endpoints) on Kestrel 127.0.0.1:0, plus the benchmark's own empty page
/// (<see cref="EmptyPage"/>, this assembly only), and a headless Debian Chromium driven by Playwright.
/// Each page opens in a browser context of its own (its own cookies, cache and circuit), signed in as a customer
/// (<see cref="CustomerSignIn"/>): since issue 23 a visitor who is not signed in gets the board and the idea pages
/// without a circuit, and these suites measure the circuit.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    // The web project's static-web-assets manifests are copied next to this assembly; the host's application name
    // is CustomerCare.Benchmarks, so the default lookup by name would miss them.
    private const string WebAssets = "CustomerCare.Web.staticwebassets";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    /// <summary>How long a circuit whose page left without telling the server is kept (the portal's default: 3 minutes).</summary>
    public static readonly TimeSpan DisconnectedRetention = TimeSpan.FromSeconds(10);

    private readonly IPlaywright playwright;

    private BrowserHost(PortalHost portal, Uri root, IPlaywright playwright, IBrowser browser, IReadOnlyList<System.Net.Cookie> customer)
    {
        Portal = portal;
        Root = root;
        this.playwright = playwright;
        Browser = browser;
        Customer = customer;
    }

    public PortalHost Portal { get; }

    public Uri Root { get; }

    public IBrowser Browser { get; }

    /// <summary>The signed-in customer's cookies, which every browser context gets.</summary>
    public IReadOnlyList<System.Net.Cookie> Customer { get; }

    public CircuitCounter Circuits => Portal.Services.GetRequiredService<CircuitCounter>();

    /// <summary>
    /// Creates the database, lets <paramref name="seed"/> fill it, then starts Kestrel and Chromium. A suite may add
    /// services (<paramref name="configure"/>, after the portal's own) and endpoints (<paramref name="map"/>, after the portal's).
    /// </summary>
    public static async Task<BrowserHost> StartAsync(
        BenchOptions options, DatabaseProvider provider, Func<PortalHost, Task> seed, IEnumerable<string>? extraChromiumArgs = null,
        Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(seed);
        if (!File.Exists(options.Chromium))
        {
            throw new InvalidOperationException(
                $"The browser suites need Chromium at {options.Chromium}: apt-get install chromium, or set {BenchOptions.ChromiumVariable}. " +
                "Never `playwright install`: the suites drive Debian's browser.");
        }

        var portal = await PortalHost.CreateAsync(provider, options.PostgresServer, b =>
        {
            b.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            // Outside Development the host serves wwwroot from the publish layout; a build has the manifest,
            // which points at the sources (as tests/CustomerCare.Tests.Support/PortalFactory.cs does).
            b.Configuration[WebHostDefaults.StaticWebAssetsKey] = Path.Combine(AppContext.BaseDirectory, WebAssets + ".runtime.json");
            b.WebHost.UseStaticWebAssets();
            b.Services.AddSingleton<CircuitCounter>();
            // A tab whose unload beacon is lost (a loaded machine drops some) leaves its circuit disconnected, kept
            // for reconnection: three minutes by default. The memory suite waits for that instead, and says so.
            b.Services.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = DisconnectedRetention);
            b.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitCounter.Handler>());
            configure?.Invoke(b);
        });
        try
        {
            await seed(portal);
            await CustomerSignIn.CreateAsync(portal.Services);
            var app = portal.App;
            var assets = Path.Combine(AppContext.BaseDirectory, WebAssets + ".endpoints.json");
            app.UseApplicationPipeline();
            app.MapStaticAssets(assets);
            // As Program.cs: framing is SecurityHeaders' decision alone.
            app.MapRazorComponents<App>()
                .WithStaticAssets(assets)
                .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
                .AddAdditionalAssemblies(typeof(EmptyPage).Assembly);
            app.MapApplicationEndpoints();
            map?.Invoke(app);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var root = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
            var customer = await CustomerSignIn.SignInAsync(root);

            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = options.Chromium,
                Headless = true,
                Args = [.. ChromiumArgs, .. extraChromiumArgs ?? []],
            });
            return new BrowserHost(portal, root, playwright, browser, customer);
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    /// <summary>A page in a fresh browser context (cold cache, no cookies): one visitor.</summary>
    public async Task<IPage> NewPageAsync(string? initScript = null)
    {
        var context = await NewContextAsync();
        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript);
        }

        return await context.NewPageAsync();
    }

    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Root.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(60_000);
        await context.AddCookiesAsync(Customer.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = Root.ToString() }));
        return context;
    }

    /// <summary>
    /// Leaves the page first, so Blazor's unload handler tells the server the circuit is gone (else the server
    /// keeps it as disconnected for three minutes), then closes its context.
    /// </summary>
    public static async Task ClosePageAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("about:blank");
        await page.Context.CloseAsync();
    }

    /// <summary>Runs <paramref name="open"/> for 0..n-1, at most <paramref name="concurrency"/> at a time, in index order.</summary>
    public static async Task<T[]> OpenManyAsync<T>(int n, int concurrency, Func<int, Task<T>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        using var gate = new SemaphoreSlim(concurrency);
        var tasks = Enumerable.Range(0, n).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await open(i);
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(tasks);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await Portal.App.StopAsync();
        await Portal.DisposeAsync();
    }
}

/// <summary>Open Blazor circuits on the server, counted by a circuit handler: proves N pages mean N circuits.</summary>
public sealed class CircuitCounter
{
    private readonly ConcurrentDictionary<Circuit, byte> circuits = new();

    public int Open => circuits.Count;

    public Task<bool> WaitForAsync(int expected, TimeSpan timeout) => WaitUntilAsync(open => open == expected, timeout);

    public async Task<bool> WaitUntilAsync(Func<int, bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Open) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return condition(Open);
    }

    /// <summary>
    /// Live components per open circuit, averaged: what a circuit's memory is made of. Blazor keeps them in its
    /// renderer, which no public API shows, so this reads framework internals by reflection (a diagnostic of the
    /// benchmark only) and answers null when they moved.
    /// </summary>
    public double? ComponentsPerCircuit()
    {
        const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        try
        {
            var counts = circuits.Keys.Select(circuit =>
            {
                var host = circuit.GetType().GetField("_circuitHost", Private)!.GetValue(circuit)!;
                var renderer = host.GetType().GetProperty("Renderer", Private)!.GetValue(host)!;
                var field = typeof(Microsoft.AspNetCore.Components.RenderTree.Renderer).GetField("_componentStateById", Private)!;
                return ((System.Collections.ICollection)field.GetValue(renderer)!).Count;
            }).ToList();
            return counts.Count == 0 ? 0 : counts.Average();
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidCastException or TargetException)
        {
            return null;
        }
    }

    public sealed class Handler(CircuitCounter counter) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            counter.circuits.TryAdd(circuit, 0);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            counter.circuits.TryRemove(circuit, out _);
            return Task.CompletedTask;
        }
    }
}
