using CustomerCare.Tests.Support;
using Microsoft.Playwright;

namespace CustomerCare.Tests.Browser;

/// <summary>
/// One portal on real Kestrel (127.0.0.1, SQLite without demo data: each test makes the people and posts it needs)
/// and one headless Debian Chromium for all browser tests; each test opens its own browser context, so cookies never
/// leak between tests. The demo company's portal, which the README's screenshots show, starts only when a test asks.
/// Chromium is looked for (and launched) by the first test that opens a page, not here: a missing browser then skips
/// that test with its reason, or fails it under CI=true, where a throwing collection fixture would fail every test
/// with an unrelated error.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Every Playwright wait and expectation: see <see cref="TestTimeouts.Wait"/>.</summary>
    public static readonly float Timeout = (float)TestTimeouts.Wait.TotalMilliseconds;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly PortalFactory demo = new();
    private IPlaywright? playwright;
    private IBrowser? browser;
    private Uri? demoRoot;

    // Every browser test signs its people in from 127.0.0.1: many people behind one address, more than the sign-in
    // form's default allowance per address (RateLimits:SignIn) over a slow run. The limit itself is tested over HTTP.
    public PortalFactory Portal { get; } = new EmptyPortalFactory().With("RateLimits:SignIn:PerAddress", "1000");

    public Uri Root { get; private set; } = null!;

    /// <summary>The demo company's portal, once <see cref="OpenDemoPageAsync"/> started it.</summary>
    public Uri DemoRoot => demoRoot ?? throw new InvalidOperationException("Open a demo page first.");

    public ValueTask InitializeAsync()
    {
        Root = Portal.StartRealServer();
        return ValueTask.CompletedTask;
    }

    public async Task<IPage> OpenPageAsync(string locale = "en-US", int width = 1280, int height = 800) =>
        await OpenPageAsync(Root, locale, width, height);

    /// <summary>
    /// A page of the demo company's portal (<c>Demo:Seed</c>), for the README's screenshots: they show what a newcomer
    /// sees after <c>dotnet run</c>. Every other test works on <see cref="Portal"/> with its own people and posts.
    /// </summary>
    public async Task<IPage> OpenDemoPageAsync(string locale = "en-US", int width = 1280, int height = 800)
    {
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            demoRoot ??= demo.StartRealServer();
        }
        finally
        {
            gate.Release();
        }

        return await OpenPageAsync(demoRoot, locale, width, height);
    }

    /// <summary>A browser context with the suite's one generous timeout for actions, navigations and expectations.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await (await LaunchedAsync()).NewContextAsync(options);
        context.SetDefaultTimeout(Timeout);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Portal.DisposeAsync();
        await demo.DisposeAsync();
        gate.Dispose();
    }

    private async Task<IPage> OpenPageAsync(Uri root, string locale, int width, int height)
    {
        var context = await NewContextAsync(new()
        {
            BaseURL = root.ToString(),
            Locale = locale,
            ViewportSize = new() { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    private async Task<IBrowser> LaunchedAsync()
    {
        // Asked in every test, before anything starts: skips (or fails under CI) with the reason.
        var chromium = TestDependencies.Chromium;
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (browser is null)
            {
                // Expect(...) keeps its own default (5 s), apart from the contexts' timeout.
                Assertions.SetDefaultExpectTimeout(Timeout);
                playwright ??= await Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new()
                {
                    ExecutablePath = chromium,
                    Headless = true,
                    Timeout = Timeout,
                    Args =
                    [
                        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-quic",
                    ],
                });
            }

            return browser;
        }
        finally
        {
            gate.Release();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
