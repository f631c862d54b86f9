using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CustomerCare.Web.Components.Shared;

/// <summary>
/// A MudBlazor icon (its <c>Icons.Material.*</c> string is SVG inner markup) as plain SVG markup. For markup every
/// open page shows: a MudIcon is a component of its own on every open page, this is one string that every page
/// shares (cached; the icons and classes are constants, so the cache stays small).
/// </summary>
public static class IconMarkup
{
    private static readonly ConcurrentDictionary<(string Icon, string Classes), string> Cache = new();

    /// <summary>An icon with MudIcon's classes at the small size, for markup beside MudBlazor's (board cards).</summary>
    public static MarkupString Small(string icon, string? extraClass = null) =>
        Svg(icon, MudClasses.Icon(Size.Small, extraClass));

    /// <summary>An icon with the given classes (the layout's own <c>cc-icon</c> styles).</summary>
    public static MarkupString Svg(string icon, string classes = "cc-icon") =>
        new(Cache.GetOrAdd((icon, classes), key =>
            $"""<svg class="{key.Classes}" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">{key.Icon}</svg>"""));
}
