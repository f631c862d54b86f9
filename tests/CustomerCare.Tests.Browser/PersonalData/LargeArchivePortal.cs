using CustomerCare.Data;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CustomerCare.Tests.Browser.PersonalData;

/// <summary>
/// A portal of its own on real Kestrel (the shared one downloads every archive directly) where every customer's data is
/// above <c>PersonalData:Archive:DirectLimit</c>, so "Your data" prepares the archive in the background. A finished
/// archive's ZIP waits at the cache until the test lets it in (<see cref="FinishArchives"/>): the progress a person sees
/// stays on the page long enough to be looked at, without a sleep, and the link then appears live.
/// </summary>
public sealed class LargeArchivePortal : IAsyncLifetime
{
    public const int DirectLimit = 1;

    private readonly TaskCompletionSource finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LargeArchivePortal() => Portal = new HeldArchivesFactory(finish.Task)
        .With("PersonalData:Archive:DirectLimit", DirectLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("RateLimits:SignIn:PerAddress", "1000");

    public PortalFactory Portal { get; }

    public Uri Root { get; private set; } = null!;

    /// <summary>Lets every archive waiting for its ZIP to be stored go on to ready.</summary>
    public void FinishArchives() => finish.TrySetResult();

    /// <summary>A page of this portal in the suite's browser, in a context of its own (cookies never shared).</summary>
    public async Task<IPage> OpenPageAsync(BrowserFixture browser)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new() { BaseURL = Root.ToString(), Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        return await context.NewPageAsync();
    }

    public ValueTask InitializeAsync()
    {
        Root = Portal.StartRealServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        FinishArchives();
        await Portal.DisposeAsync();
    }

    private sealed class HeldArchivesFactory(Task finished) : PortalFactory(DatabaseProvider.Sqlite, seedDemo: false)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // One server without Redis: the portal's cache is the memory one, here with the ZIP's entry held back.
            builder.ConfigureTestServices(services => services.AddSingleton<IDistributedCache>(
                new HeldZipCache(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), finished)));
        }
    }

    /// <summary>The memory cache, except that storing an archive's ZIP (<c>archive:{token}:zip</c>) first waits for the test.</summary>
    private sealed class HeldZipCache(IDistributedCache inner, Task finished) : IDistributedCache
    {
        public byte[]? Get(string key) => inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            if (IsZip(key))
            {
                finished.Wait(TestTimeouts.Wait);
            }

            inner.Set(key, value, options);
        }

        public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            if (IsZip(key))
            {
                await finished.WaitAsync(token);
            }

            await inner.SetAsync(key, value, options, token);
        }

        public void Refresh(string key) => inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

        public void Remove(string key) => inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

        private static bool IsZip(string key) => key.StartsWith("archive:", StringComparison.Ordinal) && key.EndsWith(":zip", StringComparison.Ordinal);
    }
}
