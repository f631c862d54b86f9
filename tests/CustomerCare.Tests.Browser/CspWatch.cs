using CustomerCare.Tests.Support;
using Microsoft.Playwright;

namespace CustomerCare.Tests.Browser;

/// <summary>
/// Collects what Chromium reports against the portal's Content-Security-Policy and Permissions-Policy in one browser
/// context: every <c>securitypolicyviolation</c> event of every page and frame (listened for by a script Playwright adds
/// to each new document, outside the page's policy), console complaints about either policy's text, and uncaught script
/// errors.
/// </summary>
internal sealed class CspWatch
{
    private readonly List<string> violations = [];
    private readonly List<string> errors = [];

    private CspWatch()
    {
    }

    public static async Task<CspWatch> AttachAsync(IBrowserContext context)
    {
        var watch = new CspWatch();
        await context.ExposeFunctionAsync("ccReportViolation", (string report) => Add(watch.violations, report));
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              window.ccReportViolation(`${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} on ${location.pathname}`));
            """);
        // Refusals arrive as events above; the console adds what has no event: a policy Chromium could not fully read
        // ("Unrecognized feature", "invalid source"). Its echo of each refusal ("Refused to …") is left out.
        context.Console += (_, message) =>
        {
            var text = message.Text;
            if (!text.StartsWith("Refused to", StringComparison.Ordinal)
                && (text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)))
            {
                Add(watch.violations, $"console {message.Type}: {text}");
            }
        };
        return watch;
    }

    /// <summary>A page of the portal at <paramref name="root"/> in a new context (1280 × 800, en-US) with a watch on it.</summary>
    public static async Task<(IPage Page, CspWatch Watch)> OpenPageAsync(BrowserFixture browser, Uri root)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = root.ToString(),
            Locale = "en-US",
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        var watch = await AttachAsync(context);
        return (watch.Watch(await context.NewPageAsync()), watch);
    }

    /// <summary>Uncaught script errors of <paramref name="page"/> count too (a refused script breaks the page quietly otherwise).</summary>
    public IPage Watch(IPage page)
    {
        page.PageError += (_, error) => Add(errors, $"{page.Url}: {error}");
        return page;
    }

    /// <summary>
    /// Asserts that nothing was reported on <paramref name="page"/> so far. Violations are reported asynchronously, so a
    /// marker goes last — an image from a host the policy refuses — and the check waits for its report: whatever the page
    /// did before has been reported by then. <paramref name="expected"/> names refusals that are the policy working on a
    /// script that asks and copes (a library's feature probe), which the caller states and explains.
    /// </summary>
    public async Task AssertCleanAsync(IPage page, string where, Func<string, bool>? expected = null)
    {
        var marker = $"https://csp-marker-{Guid.NewGuid():N}.invalid/";
        await page.EvaluateAsync("src => { new Image().src = src; }", marker);
        var before = (await UntilReportedAsync(marker)).Where(v => expected?.Invoke(v) != true).ToList();

        Assert.True(before.Count == 0, $"{where}: {string.Join(" | ", before)}");
        lock (errors)
        {
            Assert.True(errors.Count == 0, $"{where}: {string.Join(" | ", errors)}");
        }
    }

    /// <summary>Asserts that the policy refuses an inline script the page did not bring (so the watch sees refusals).</summary>
    public async Task AssertInlineScriptRefusedAsync(IPage page)
    {
        await page.EvaluateAsync("""
            () => { const s = document.createElement('script'); s.textContent = 'window.ccInjected = true'; document.head.appendChild(s); }
            """);
        var marker = $"https://csp-marker-{Guid.NewGuid():N}.invalid/";
        await page.EvaluateAsync("src => { new Image().src = src; }", marker);
        var before = await UntilReportedAsync(marker);

        Assert.StartsWith("script-src-elem blocked inline", Assert.Single(before, v => !v.StartsWith("console", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.False(await page.EvaluateAsync<bool>("() => window.ccInjected === true"));
    }

    // The reports before the marker's (the marker's own and console echoes of any are dropped).
    private async Task<List<string>> UntilReportedAsync(string marker)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Wait;
        while (true)
        {
            lock (violations)
            {
                var at = violations.FindIndex(v => v.Contains(marker, StringComparison.Ordinal));
                if (at >= 0)
                {
                    var before = violations.Take(at).Where(v => !v.Contains("csp-marker-", StringComparison.Ordinal)).ToList();
                    violations.Clear();
                    return before;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"The policy's report of {marker} did not arrive.");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    private static void Add(List<string> list, string entry)
    {
        lock (list)
        {
            list.Add(entry);
        }
    }
}
