using System.Reflection;
using CustomerCare.Data.Seeding;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;

namespace CustomerCare.Tests.Browser.Accessibility;

/// <summary>
/// axe-core (WCAG 2.0 and 2.1, A and AA) over every page a person reaches, as the one who reaches it, on the demo
/// company's portal (its statuses, owners and threads are the states people see). Language, theme and width take
/// each of their values in two passes: English, light, 1280 px and German, dark, 390 px. The second is the hardest
/// of each kind together: the longer language on the narrow screen (where text overflows), with the theme whose
/// contrasts were made later. Contrast does not change with the language or the width, and English text is shorter
/// than German, so the pairs left out (English narrow, German wide, light narrow, dark wide) are the ones least likely
/// to fail alone; the four pairwise passes cost the 2-core CI machine twice the time. Beside axe, each view is checked for one h1 and its heading order, the narrow pass
/// for reflow at 320 px and the wide one for text at 200 %. A page the portal gains without a row here fails
/// <see cref="Every_page_has_its_accessibility_views"/>. The widget, which lives on the company's own site and not on a
/// page of the portal, gets its axe check in <see cref="Widget.WidgetBrowserTests"/>.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static TheoryData<string, string, int> Passes => new()
    {
        { "en-US", "light", 1280 },
        { "de-DE", "dark", 390 },
    };

    [Theory]
    [MemberData(nameof(Passes))]
    public async Task Every_view_has_no_axe_violation(string locale, string theme, int width)
    {
        var found = new List<string>();
        foreach (var group in AccessibilityViews.All.GroupBy(v => v.As))
        {
            var page = await OpenAsync(locale, theme, width, group.Key);
            var ids = await DemoIdsAsync(page);
            foreach (var view in group)
            {
                var address = view.Address.Replace("{idea}", ids.Idea, StringComparison.Ordinal).Replace("{complaint}", ids.Complaint, StringComparison.Ordinal);
                await page.GotoAsync(address);
                await (view.Interactive ? page.WaitForCircuitAsync() : page.Locator("main").First.WaitForAsync());
                if (view.Then is not null)
                {
                    await view.Then(page);
                }

                var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });
                var who = $"{address} as {group.Key?.Role ?? "visitor"}";
                if (await HeadingProblemAsync(page) is { } headings)
                {
                    found.Add($"{who}: headings — {headings}");
                }

                if (width < 1000 && await OverflowAt320Async(page) is { } overflow)
                {
                    found.Add($"{who}: reflow — at 320 px {overflow}");
                }

                if (width >= 1000 && await LossAtDoubleTextAsync(page) is { } loss)
                {
                    found.Add($"{who}: text at 200 % — {loss}");
                }

                found.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n =>
                    $"{address} as {group.Key?.Role ?? "visitor"}: {v.Id} ({v.Impact}) {n.Target} {n.Html} — {Why(n)}")));
            }

            await page.Context.CloseAsync();
        }

        Assert.True(found.Count == 0, $"{found.Count} violations ({locale}, {theme}, {width} px):\n{string.Join("\n", found)}");
    }

    [Theory]
    [MemberData(nameof(Passes))]
    public async Task The_connection_lost_panel_has_no_axe_violation(string locale, string theme, int width)
    {
        // A circuit to lose: a visitor's page has none (it reads without one), so a customer's.
        var page = await OpenAsync(locale, theme, width, DemoAccounts.Customer);

        await page.OpenThenLoseConnectionAsync("/roadmap");
        await page.Locator("#components-reconnect-modal .cc-reconnect-panel").WaitForAsync();
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });

        Assert.Empty(result.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id} {n.Html} — {Why(n)}")));
    }

    [Fact]
    public async Task Motion_stops_for_those_who_ask_their_system_for_less()
    {
        var page = await browser.OpenPageAsync();
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();
        const string Longest = """
            () => Math.max(...[...document.querySelectorAll('.mud-button-root, .mud-nav-link, .mud-drawer')]
              .flatMap(e => getComputedStyle(e).transitionDuration.split(',').map(parseFloat)))
            """;
        var usual = await page.EvaluateAsync<double>(Longest);

        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        var reduced = await page.EvaluateAsync<double>(Longest);

        Assert.True(usual > 0.05, $"MudBlazor's transitions were expected to run normally: {usual} s");
        Assert.True(reduced < 0.001, $"transitions still take {reduced} s under prefers-reduced-motion");
    }

    [Fact]
    public void Every_page_has_its_accessibility_views()
    {
        var routes = typeof(CustomerCare.Web.Components.App).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false))
            .Select(r => r.Template)
            .ToHashSet(StringComparer.Ordinal);

        var missing = routes.Where(r => !AccessibilityViews.All.Any(v => v.Route == r) && !AccessibilityViews.NotPages.ContainsKey(r));

        Assert.Empty(missing);
    }

    private async Task<IPage> OpenAsync(string locale, string theme, int width, DemoAccount? account)
    {
        var page = await browser.OpenDemoPageAsync(locale, width, 800);
        await page.Context.AddCookiesAsync([new Cookie { Name = "cc-theme", Value = theme, Url = browser.DemoRoot.ToString() }]);
        if (account is not null)
        {
            await page.SignInAsync(account);
        }

        return page;
    }

    /// <summary>
    /// WCAG 1.4.10: at 320 CSS px the page reads without scrolling sideways. Null when nothing sticks out; otherwise the
    /// page's width and the widest elements that do. The viewport is put back afterwards.
    /// </summary>
    private static async Task<string?> OverflowAt320Async(IPage page)
    {
        var size = page.ViewportSize!;
        await page.SetViewportSizeAsync(320, size.Height);
        try
        {
            return await page.EvaluateAsync<string?>("""
                () => {
                  const width = document.documentElement.scrollWidth;
                  if (width <= 321) return null;
                  const wide = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > 321 && getComputedStyle(e).position !== 'fixed')
                    .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > 321))
                    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''));
                  return `the page is ${width} px wide: ${wide.join(', ')}`;
                }
                """);
        }
        finally
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }

    /// <summary>
    /// One h1 per page (WCAG 1.3.1, 2.4.6), and no level skipped on the way down (an h2 may follow an h4, an h4 may not
    /// follow an h2). Null when the outline holds; otherwise what breaks it.
    /// </summary>
    private static Task<string?> HeadingProblemAsync(IPage page) =>
        page.EvaluateAsync<string?>("""
            () => {
              const shown = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(h => h.getClientRects().length > 0);
              const ones = shown.filter(h => h.tagName === 'H1').length;
              if (ones !== 1) return `${ones} h1 elements`;
              for (let i = 1; i < shown.length; i++) {
                const before = +shown[i - 1].tagName[1], now = +shown[i].tagName[1];
                if (now > before + 1) return `h${now} "${shown[i].textContent.trim().slice(0, 40)}" follows h${before}`;
              }
              return null;
            }
            """);

    /// <summary>
    /// WCAG 1.4.4: with the text twice its size (the root font size at 200 %, as a browser's text-only zoom does) the
    /// page scrolls no further sideways and no text is cut off by its box. Null when nothing is lost; the size is put back.
    /// </summary>
    private static async Task<string?> LossAtDoubleTextAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string?>("""
                async () => {
                  const width = window.innerWidth;
                  document.documentElement.style.fontSize = '200%';
                  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                  const lost = [];
                  if (document.documentElement.scrollWidth > width + 1) lost.push(`the page is ${document.documentElement.scrollWidth} px wide`);
                  for (const e of document.querySelectorAll('body *')) {
                    const style = getComputedStyle(e);
                    const clips = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
                    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                    // Cut on purpose and not lost: an excerpt of a fixed number of lines (the whole text is its
                    // page's), a name that ends in "…" with the whole of it as its title, and what is not shown at all.
                    const excerpt = style.webkitLineClamp !== 'none';
                    const titled = style.textOverflow === 'ellipsis' && e.closest('[title]')?.title === e.textContent.trim();
                    if (clips && text && !excerpt && !titled && style.visibility !== 'hidden' && e.getClientRects().length > 0
                        && style.position !== 'absolute' && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) {
                      lost.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${e.textContent.trim().slice(0, 30)}" cut off`);
                    }
                  }
                  return lost.length ? lost.slice(0, 3).join(', ') : null;
                }
                """);
        }
        finally
        {
            await page.EvaluateAsync("() => document.documentElement.style.fontSize = ''");
        }
    }

    internal static string Why(AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Distinct());

    // An idea and a complaint of the demo company that this person may open.
    private static async Task<(string Idea, string Complaint)> DemoIdsAsync(IPage page)
    {
        await page.GotoAsync("/ideas");
        var idea = await page.Locator("a[href*='posts/']").First.GetAttributeAsync("href") ?? "";
        await page.GotoAsync("/complaints");
        var links = page.Locator("a[href*='posts/']");
        var complaint = await links.CountAsync() > 0 ? await links.First.GetAttributeAsync("href") ?? "" : idea;
        return (Id(idea), Id(complaint));

        static string Id(string href) => href[(href.LastIndexOf('/') + 1)..];
    }
}
