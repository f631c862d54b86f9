using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace CustomerCare.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, with one copy of each stylesheet it builds shared by every open page.
/// MudThemeProvider builds the theme's CSS variables into a new ~23,000-character string on every render and keeps
/// it in the page's render tree (twice: the current and the previous tree): 46 KiB of each circuit's memory, the
/// same text in all of them (docs/benchmarks.md, memory per circuit). Here each render still builds the text
/// (so light, dark and the system's choice work exactly as in MudBlazor), but keeps the shared copy and lets its own
/// go. The markup is MudThemeProvider's (a test compares the two).
/// </summary>
public sealed class CareThemeProvider : MudThemeProvider
{
    // A handful of pieces (scrollbar and chart styles, the light and the dark theme); the bound keeps a provider
    // given ever-new themes from growing it.
    private const int MaxShared = 16;
    private static readonly ConcurrentDictionary<string, string> SharedCopies = new(StringComparer.Ordinal);

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);

        // MudThemeProvider's own render, replayed with the shared copy of each piece of markup (its render is
        // nothing but markup: the stylesheets). Should a MudBlazor version render anything else, it renders as is.
#pragma warning disable BL0006 // Reading the frames MudThemeProvider just built, in the same render.
        using var own = new RenderTreeBuilder();
        base.BuildRenderTree(own);
        var frames = own.GetFrames();
        var markup = frames.Array.AsSpan(0, frames.Count);
        foreach (var frame in markup)
        {
            if (frame.FrameType != RenderTreeFrameType.Markup)
            {
                base.BuildRenderTree(__builder);
                return;
            }
        }

        foreach (var frame in markup)
        {
#pragma warning disable ASP0006 // MudThemeProvider's own sequence numbers (from its source order), so the diff stays exact.
            __builder.AddMarkupContent(frame.Sequence, Shared(frame.MarkupContent));
#pragma warning restore ASP0006
        }
#pragma warning restore BL0006
    }

    internal static string Shared(string css) =>
        SharedCopies.TryGetValue(css, out var shared) ? shared
        : SharedCopies.Count < MaxShared ? SharedCopies.GetOrAdd(css, css)
        : css;
}
