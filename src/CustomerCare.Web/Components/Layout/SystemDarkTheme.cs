using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace CustomerCare.Web.Components.Layout;

/// <summary>
/// The dark theme's stylesheet inside <c>@media (prefers-color-scheme: dark)</c>, for a page whose reader chose no theme
/// yet: the operating system's dark mode shows on the first paint, with no script and no circuit. A visitor's page (which
/// the output cache keeps for everyone without a choice) and the account pages rely on it; on a circuit, MainLayout asks
/// the browser once it is up and drops it. MudBlazor's own stylesheet for the dark palette (its
/// <see cref="MudThemeProvider.BuildTheme"/>), wrapped; render it with <c>IsDarkMode="true"</c> after the page's theme
/// provider, whose light stylesheet holds outside the media query.
/// </summary>
public sealed class SystemDarkTheme : MudThemeProvider
{
    private const string Open = "<style";
    private const string Close = "</style>";
    private const string MediaQuery = "@media (prefers-color-scheme: dark){";

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        __builder.AddMarkupContent(0, CareThemeProvider.Shared(WhenSystemIsDark(BuildTheme())));
    }

    /// <summary>One <c>&lt;style&gt;</c> element's rules, applied only while the operating system is in dark mode.</summary>
    internal static string WhenSystemIsDark(string style)
    {
        ArgumentNullException.ThrowIfNull(style);
        var start = style.IndexOf(Open, StringComparison.Ordinal);
        var rules = start < 0 ? -1 : style.IndexOf('>', start) + 1;
        var end = style.LastIndexOf(Close, StringComparison.Ordinal);
        if (rules <= 0 || end < rules)
        {
            throw new InvalidOperationException("MudBlazor's theme is no longer one <style> element; SystemDarkTheme must be adapted.");
        }

        return string.Concat(style[..rules], MediaQuery, style[rules..end], "}", style[end..]);
    }
}
