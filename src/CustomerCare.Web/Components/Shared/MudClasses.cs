using System.Collections.Concurrent;
using MudBlazor;

namespace CustomerCare.Web.Components.Shared;

/// <summary>
/// MudBlazor's class names for the markup that imitates its components where every open page shows many of them
/// (board cards, author lines, faces, the vote button, icons: docs/architecture.md). The one place they are written
/// by hand, so a MudBlazor upgrade that changes them is one change here; <c>MudClassesTests</c> render the real
/// components and fail when their classes no longer match. Each member is named after the component (and parameters)
/// whose classes it gives. Constants where the set is fixed (our own classes join them at compile time, e.g.
/// <c>MudClasses.Card + " mb-3"</c>), cached strings where a parameter picks one, so rendering a card allocates none.
/// </summary>
public static class MudClasses
{
    /// <summary>MudText's and MudLink's base class (no margin).</summary>
    public const string Typography = "mud-typography";

    /// <summary>The font of <c>Typo.body2</c> alone, for a block around rendered markdown.</summary>
    public const string Body2 = "mud-typography-body2";

    /// <summary>The font of <c>Typo.caption</c> alone.</summary>
    public const string Caption = "mud-typography-caption";

    /// <summary>MudText <c>Typo.body2</c> (a <c>p</c>).</summary>
    public const string TextBody2 = Typography + " " + Body2;

    /// <summary>MudText <c>Typo.caption</c> (a <c>span</c>).</summary>
    public const string TextCaption = Typography + " " + Caption;

    /// <summary>The theme's secondary text colour (what <c>Class="mud-text-secondary"</c> gives a MudText).</summary>
    public const string TextSecondary = "mud-text-secondary";

    /// <summary>MudLink <c>Typo.h6</c> at its defaults (<c>Color.Primary</c>, <c>Underline.Hover</c>).</summary>
    public const string LinkH6 = Typography + " mud-link mud-primary-text mud-link-underline-hover mud-typography-h6";

    /// <summary>MudCard at its default elevation (a MudPaper with <c>Elevation="1"</c>).</summary>
    public const string Card = "mud-paper mud-elevation-1 mud-card";

    /// <summary>MudCardContent.</summary>
    public const string CardContent = "mud-card-content mud-card-content-padding";

    /// <summary>The span around a MudChip's text.</summary>
    public const string ChipContent = "mud-chip-content";

    /// <summary>Added to the icon of a MudChip with <c>Icon</c> set.</summary>
    public const string ChipIcon = "mud-chip-icon";

    /// <summary>The span around a MudButton's content.</summary>
    public const string ButtonLabel = "mud-button-label";

    /// <summary>MudImage's base class (the <c>img</c> inside a MudAvatar).</summary>
    public const string Image = "mud-image";

    private static readonly ConcurrentDictionary<(Variant Variant, Size Size, Color Color, string? Extra), string> Chips = new();
    private static readonly ConcurrentDictionary<(Variant Variant, Color Color, Size Size), string> Buttons = new();
    private static readonly ConcurrentDictionary<Size, string> ButtonStartIcons = new();
    private static readonly ConcurrentDictionary<Size, string> Avatars = new();
    private static readonly ConcurrentDictionary<(Size Size, string? Extra), string> SvgIcons = new();

    /// <summary>MudChip's own element (not its container), followed by <paramref name="extra"/> classes of ours.</summary>
    public static string Chip(Variant variant, Size size, Color color, string? extra = null) =>
        Chips.GetOrAdd((variant, size, color, extra), static k =>
            With($"mud-chip mud-chip-{Name(k.Variant)} mud-chip-size-{Name(k.Size)} mud-chip-color-{Name(k.Color)}", k.Extra));

    /// <summary>MudButton's <c>button</c> element.</summary>
    public static string Button(Variant variant, Color color, Size size) =>
        Buttons.GetOrAdd((variant, color, size), static k =>
        {
            var look = $"mud-button-{Name(k.Variant)}";
            return $"mud-button-root mud-button {look} {look}-{Name(k.Color)} {look}-size-{Name(k.Size)} mud-ripple";
        });

    /// <summary>The span around a MudButton's <c>StartIcon</c>.</summary>
    public static string ButtonStartIcon(Size size) =>
        ButtonStartIcons.GetOrAdd(size, static s => $"mud-button-icon-start mud-button-icon-size-{Name(s)}");

    /// <summary>MudAvatar at its defaults (<c>Variant.Filled</c>, <c>Color.Default</c>, <c>Elevation="0"</c>).</summary>
    public static string Avatar(Size size) =>
        Avatars.GetOrAdd(size, static s => $"mud-avatar mud-avatar-{Name(s)} mud-avatar-filled mud-avatar-filled-default mud-elevation-0");

    /// <summary>MudIcon's <c>svg</c> (an SVG icon, default colour), followed by <paramref name="extra"/> classes.</summary>
    public static string Icon(Size size, string? extra = null) =>
        SvgIcons.GetOrAdd((size, extra), static k => With($"mud-icon-root mud-svg-icon mud-icon-size-{Name(k.Size)}", k.Extra));

    // MudBlazor writes these enums into class names as their lower-case names (its [Description] values).
    private static string Name(Enum value) => value.ToString().ToLowerInvariant();

    private static string With(string classes, string? extra) => extra is null ? classes : $"{classes} {extra}";
}
