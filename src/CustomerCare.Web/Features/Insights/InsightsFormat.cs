using System.Globalization;
using System.Text.RegularExpressions;

namespace CustomerCare.Web.Features.Insights;

/// <summary>
/// How the insights write their figures for a reader: weeks and months as dates in the portal's zone (a week's start is
/// Monday 00:00 there, stored as UTC, so the server's own zone would show Sunday), hours with one decimal, shares as
/// percent, in the reader's culture. The CSV files use <see cref="Day"/> and <see cref="Month"/>, which are invariant.
/// </summary>
public sealed partial class InsightsFormat(TimeZoneInfo zone, CultureInfo culture)
{
    public CultureInfo Culture { get; } = culture;

    /// <summary>A week's label: its Monday without the year, as the culture writes a short date ("11/30", "30.11").</summary>
    public string Week(DateTime startUtc) => LocalDate(startUtc).ToString(DayAndMonthPattern(Culture), Culture);

    /// <summary>A month's label: "Nov 2026", "Nov. 2026".</summary>
    public string MonthLabel(DateTime startUtc) => LocalDate(startUtc).ToString("MMM yyyy", Culture);

    /// <summary>A month on an axis, where room is short: "Nov 26", "Nov. 26".</summary>
    public string MonthAxis(DateTime startUtc) => LocalDate(startUtc).ToString("MMM yy", Culture);

    /// <summary>A figure with one decimal (an average, hours, days); a dash where there was nothing to measure.</summary>
    public string Number(double? value) => value is { } v ? v.ToString("0.0", Culture) : "–";

    /// <summary>Business hours, as <see cref="Number"/> writes them.</summary>
    public string Hours(double? hours) => Number(hours);

    /// <summary>Days, as <see cref="Number"/> writes them.</summary>
    public string Days(double? days) => Number(days);

    /// <summary>A share of 0 to 1 as a whole percent ("83%", "83 %"); a dash where there was nothing to share.</summary>
    public string Share(double? share) => share is { } s ? s.ToString("P0", Culture) : "–";

    /// <summary>The week's Monday as an ISO date (<c>2026-11-30</c>), for the CSV files.</summary>
    public string Day(DateTime startUtc) => LocalDate(startUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The month as <c>2026-11</c>, for the CSV files.</summary>
    public string Month(DateTime startUtc) => LocalDate(startUtc).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// Axis labels that do not run into each other: at most <paramref name="most"/> of them shown, evenly spread, the others
    /// left blank (a year has 52 weeks, and a phone has room for seven; the table beside the chart names every one).
    /// </summary>
    public static string[] Thinned(IReadOnlyList<string> labels, int most = 7)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / (double)most));
        return [.. labels.Select((label, i) => i % step == 0 ? label : "")];
    }

    /// <summary>
    /// The step between an axis' ticks for values up to <paramref name="max"/>: 1, 2 or 5 times a power of ten, so that about
    /// five ticks stand (MudBlazor's own step is 20, which leaves a week of three complaints on a flat axis).
    /// </summary>
    public static int TickStep(double max)
    {
        for (var power = 1; ; power *= 10)
        {
            foreach (var step in new[] { power, 2 * power, 5 * power })
            {
                if (max / step <= 5 || step >= 100_000_000)
                {
                    return step;
                }
            }
        }
    }

    public DateOnly LocalDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    // The culture's short date without its year: "M/d/yyyy" → "M/d", "dd.MM.yyyy" → "dd.MM".
    private static string DayAndMonthPattern(CultureInfo culture) =>
        YearPart().Replace(culture.DateTimeFormat.ShortDatePattern, "");

    [GeneratedRegex(@"[^dMy]*y+[^dMy]*$|^[^dMy]*y+[^dMy]*")]
    private static partial Regex YearPart();
}
