using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace CustomerCare.Benchmarks.Browser;

/// <summary>
/// The reference page of items 3 and 6: the portal's own App and layout rendered statically around one empty
/// interactive component, so its circuit holds what Blazor Server needs for any page and nothing of ours. It
/// lives in the benchmark assembly only (BrowserHost adds the assembly to the endpoints). The portal's Router
/// knows only the web assembly, so the page opts out of interactive routing: the endpoint renders it statically
/// and the island below brings the circuit.
/// </summary>
[Route(Path)]
[ExcludeFromInteractiveRouting]
public sealed class EmptyPage : ComponentBase
{
    public const string Path = "/bench/empty";

    /// <summary>The island sets this once the circuit renders it: the empty page is interactive.</summary>
    public const string InteractiveSelector = "[data-bench-island=true]";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<EmptyIsland>(0);
        builder.AddComponentRenderMode(RenderMode.InteractiveServer);
        builder.CloseComponent();
    }
}

/// <summary>An empty interactive component: one element that says whether the circuit renders it.</summary>
public sealed class EmptyIsland : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "data-bench-island", RendererInfo.IsInteractive ? "true" : "false");
        builder.CloseElement();
    }
}
