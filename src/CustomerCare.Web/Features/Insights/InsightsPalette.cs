namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// The charts' colours: moods from red (angry) to green (hopeful), grey for none; every colour has 3:1 against both
/// themes' surfaces (WCAG 1.4.11), and the figures stand in each chart's table as well.
/// </summary>
public static class InsightsPalette
{
    public static readonly string[] Moods = ["#c62828", "#e65100", "#757575", "#2e7d32", "#90a4ae"];

    /// <summary>One star to five: red to green.</summary>
    public static readonly string[] Stars = ["#c62828", "#e65100", "#9e9d24", "#558b2f", "#2e7d32"];

    public static readonly string[] Series = ["#1f6f5c", "#0a4f8c", "#8e24aa", "#c62828", "#e65100", "#757575"];
}
