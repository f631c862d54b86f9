using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace CustomerCare.Web.Components.Shared;

/// <summary>
/// A small MudBlazor icon as plain SVG markup, with MudIcon's classes. For markup repeated on every board card: a
/// MudIcon is a component of its own on every open page, this is one string that every page shares (cached).
/// </summary>
public static class IconMarkup
{
    private static readonly ConcurrentDictionary<(string Icon, string? ExtraClass), string> Cache = new();

    public static MarkupString Small(string icon, string? extraClass = null) =>
        new(Cache.GetOrAdd((icon, extraClass), key =>
            $"""<svg class="mud-icon-root mud-svg-icon mud-icon-size-small{(key.ExtraClass is null ? "" : " " + key.ExtraClass)}" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">{key.Icon}</svg>"""));
}
