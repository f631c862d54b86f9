using System.Globalization;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Staff;
using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// The insights' query as it stands in the address (<c>/insights?period=quarter&amp;category=app&amp;tenure=10</c>), like
/// the desk's and the board's: a view can be shared, a reload keeps it, and each chart's CSV carries it. The category is
/// its slug, as on the board; tenure takes the desk's steps. Unknown values fall back to the defaults, never to an error.
/// </summary>
public static class InsightsAddress
{
    public const string Path = "/insights";

    public static readonly IReadOnlyList<InsightsPeriod> Periods = [InsightsPeriod.FourWeeks, InsightsPeriod.Quarter, InsightsPeriod.Year];

    /// <summary>The tenure steps the filter offers: the desk's, so "customers of ten years" means the same on both pages.</summary>
    public static IReadOnlyList<int> TenureSteps => DeskQuery.TenureSteps;

    public static string PeriodValue(InsightsPeriod period) => period switch
    {
        InsightsPeriod.Quarter => "quarter",
        InsightsPeriod.Year => "year",
        _ => "4-weeks",
    };

    /// <summary>A chart's name in its CSV's address and file name: <c>mood</c>, <c>answertimes</c>, …</summary>
    public static string ChartValue(InsightsChart chart) => chart.ToString().ToLowerInvariant();

    public static InsightsChart? ParseChart(string? value) =>
        Enum.GetValues<InsightsChart>().Cast<InsightsChart?>()
            .FirstOrDefault(c => string.Equals(ChartValue(c!.Value), value?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static InsightsQuery Parse(string? period, string? category, string? tenure, IReadOnlyList<CategoryOption> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        return new(
            Periods.FirstOrDefault(p => string.Equals(PeriodValue(p), period?.Trim(), StringComparison.OrdinalIgnoreCase)),
            categories.FirstOrDefault(c => string.Equals(c.Slug, category?.Trim(), StringComparison.OrdinalIgnoreCase))?.Id,
            int.TryParse(tenure, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && TenureSteps.Contains(years) ? years : null);
    }

    /// <summary>The query parameters for <paramref name="query"/>; defaults become null so they drop out of the address.</summary>
    public static Dictionary<string, object?> ToParameters(InsightsQuery query, IReadOnlyList<CategoryOption> categories)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(categories);
        return new(StringComparer.Ordinal)
        {
            ["period"] = query.Period == InsightsPeriod.FourWeeks ? null : PeriodValue(query.Period),
            ["category"] = categories.FirstOrDefault(c => c.Id == query.CategoryId)?.Slug,
            ["tenure"] = query.MinTenureYears,
        };
    }

    /// <summary>The address of <paramref name="chart"/>'s figures as a CSV, for the same query.</summary>
    public static string ExportPath(InsightsChart chart, InsightsQuery query, IReadOnlyList<CategoryOption> categories) =>
        CsvDownload.Address(InsightsExport.Path.Replace("{chart}", ChartValue(chart), StringComparison.Ordinal), ToParameters(query, categories));
}
