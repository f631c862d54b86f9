using System.Text.RegularExpressions;

namespace CustomerCare.Web.Features.Widget;

/// <summary>The widget on the company's own site (section <c>Widget</c>); the sites that may show it are <c>Live:AllowedOrigins</c>.</summary>
public sealed partial class WidgetOptions
{
    public const string Section = "Widget";

    /// <summary>The company's colour for the widget's button and accents, as <c>#rrggbb</c>; a script tag's <c>data-color</c> overrides it.</summary>
    public string Color { get; set; } = "#1f6f5c";

    internal bool HasValidColor => ColorPattern().IsMatch(Color);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}
