using CustomerCare.Tests.Support;
using Microsoft.Playwright;

namespace CustomerCare.Tests.Browser;

/// <summary>
/// One portal on real Kestrel (127.0.0.1, SQLite with demo data) and one headless Debian Chromium for
/// all browser tests; each test opens its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public PortalFactory Portal { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Uri Root { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var chromium = TestDependencies.Chromium;
        Root = Portal.StartRealServer();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task<IPage> OpenPageAsync(string locale = "en-US", int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Root.ToString(),
            Locale = locale,
            ViewportSize = new() { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
