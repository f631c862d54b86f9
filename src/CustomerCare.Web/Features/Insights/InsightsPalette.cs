namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// The charts' colours: moods from red (angry) over brown (unsure) to green (hopeful), blue-grey for none. The figures
/// stand in each chart's table as well, so no figure is told by its colour alone.
/// </summary>
public static class InsightsPalette
{
    public static readonly string[] Moods = ["#c62828", "#e65100", "#6d4c41", "#2e7d32", "#78909c"];

    /// <summary>One star to five: red to green.</summary>
    public static readonly string[] Stars = ["#c62828", "#e65100", "#9e9d24", "#558b2f", "#2e7d32"];

    public static readonly string[] Series = ["#1f6f5c", "#0a4f8c", "#8e24aa", "#c62828", "#e65100", "#757575"];
}
