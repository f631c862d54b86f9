namespace CustomerCare.Web.Features.Staff;

/// <summary>
/// The desk's filters as they stand in the address (<c>/staff?filter=escalated&amp;tenure=5&amp;sort=tenure</c>), like the
/// board's: a view can be shared, and the team lead's escalation badge links straight to the escalated complaints.
/// Unknown values fall back to the defaults, never to an error.
/// </summary>
public static class DeskAddress
{
    public const string TenureSort = "tenure";

    /// <summary>The address that shows only escalated complaints.</summary>
    public static string Escalated => $"/staff?filter={FilterValue(DeskFilter.Escalated)}";

    public static string FilterValue(DeskFilter filter) => filter.ToString().ToLowerInvariant();

    public static DeskQuery Parse(string? filter, string? tenure, string? sort) => new(
        Enum.GetValues<DeskFilter>().FirstOrDefault(f => string.Equals(FilterValue(f), filter?.Trim(), StringComparison.OrdinalIgnoreCase)),
        string.Equals(sort?.Trim(), TenureSort, StringComparison.OrdinalIgnoreCase),
        int.TryParse(tenure, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var years)
            && DeskQuery.TenureSteps.Contains(years) ? years : null);

    /// <summary>The CSV export of the desk as <paramref name="query"/> shows it (<see cref="DeskExport"/>).</summary>
    public static string ExportPath(DeskQuery query) => Infrastructure.CsvDownload.Address(DeskExport.Path, ToParameters(query));

    /// <summary>The query parameters for <paramref name="query"/>; defaults become null so they drop out of the address.</summary>
    public static Dictionary<string, object?> ToParameters(DeskQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new(StringComparer.Ordinal)
        {
            ["filter"] = query.Filter == DeskFilter.All ? null : FilterValue(query.Filter),
            ["tenure"] = query.MinTenureYears,
            ["sort"] = query.ByTenure ? TenureSort : null,
        };
    }
}
