using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace CustomerCare.Web.Components.Shared;

/// <summary>
/// The count bubble on an app bar button (cc-badge in app.css), drawn by the button's own component instead of a
/// MudBadge of its own on every open page. Nothing when there is nothing to count.
/// </summary>
public static class BadgeMarkup
{
    // MudBadge's default cap: a bubble stays small however many there are.
    private const int Max = 99;

    /// <summary>The bubble for <paramref name="count"/>; <paramref name="classes"/> gives its colour (e.g. "cc-badge cc-badge-error").</summary>
    public static RenderFragment Count(int count, string classes) => builder =>
    {
        if (count <= 0)
        {
            return;
        }

        // The button's aria-label already says the number; the bubble is for the eye.
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", classes);
        builder.AddAttribute(2, "aria-hidden", "true");
        builder.AddContent(3, count > Max ? $"{Max}+" : count.ToString(CultureInfo.CurrentCulture));
        builder.CloseElement();
    };
}
