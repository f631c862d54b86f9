using System.Globalization;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>One opening of a day, as wall-clock times from local midnight (a close of 24:00 is allowed).</summary>
public readonly record struct Opening(TimeSpan Open, TimeSpan Close);

/// <summary>
/// <see cref="ResponseOptions"/> read once: the zone, each weekday's openings and the closed dates. The validator and
/// the clock both go through <see cref="Problems"/>, so whatever passes start-up is what the clock can use.
/// </summary>
public sealed class ResponseSchedule
{
    private const string Key = ResponseOptions.Section + ":";
    private static readonly Opening[] Closed = [];

    private readonly Opening[][] week;
    private readonly HashSet<DateOnly> holidays;

    private ResponseSchedule(TimeZoneInfo zone, Opening[][] week, HashSet<DateOnly> holidays)
    {
        Zone = zone;
        this.week = week;
        this.holidays = holidays;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The openings of a local date, in order; none on a closed weekday or a holiday.</summary>
    public IReadOnlyList<Opening> OpeningsOn(DateOnly date) => holidays.Contains(date) ? Closed : week[(int)date.DayOfWeek];

    public static ResponseSchedule From(ResponseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var schedule = Read(options, problems);
        return schedule ?? throw new InvalidOperationException(string.Join(" ", problems));
    }

    public static IReadOnlyList<string> Problems(ResponseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Read(options, problems);
        return problems;
    }

    private static ResponseSchedule? Read(ResponseOptions options, List<string> problems)
    {
        var zone = ReadZone(options.TimeZone, problems);
        var week = ReadWeek(options.EffectiveBusinessHours, problems);
        var holidays = ReadHolidays(options.EffectiveHolidays, problems);
        CheckTarget(nameof(ResponseOptions.FirstAnswerTarget), options.FirstAnswerTarget, TimeSpan.FromDays(30), problems);
        CheckTarget(nameof(ResponseOptions.NextAnswerTarget), options.NextAnswerTarget, TimeSpan.FromDays(30), problems);
        CheckTarget(nameof(ResponseOptions.AutoCloseAfter), options.AutoCloseAfter, TimeSpan.FromDays(365), problems);
        return problems.Count == 0 ? new ResponseSchedule(zone!, week, holidays) : null;
    }

    private static TimeZoneInfo? ReadZone(string? id, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(id))
        {
            // .NET on Linux reads IANA ids from tzdata and, with ICU, Windows ids too; the explicit conversion
            // covers a Windows id where the runtime does not map it by itself.
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone))
            {
                return zone;
            }

            if (TimeZoneInfo.TryConvertWindowsIdToIanaId(id.Trim(), out var iana) && TimeZoneInfo.TryFindSystemTimeZoneById(iana, out zone))
            {
                return zone;
            }
        }

        problems.Add($"{Key}TimeZone '{id}' is not a time zone this server knows; use an IANA id such as 'Europe/Berlin'.");
        return null;
    }

    private static Opening[][] ReadWeek(IReadOnlyDictionary<string, string> hours, List<string> problems)
    {
        var week = Enumerable.Repeat(Closed, 7).ToArray();
        var problemsBefore = problems.Count;
        foreach (var (name, text) in hours)
        {
            // Enum.TryParse also reads "1" as Monday; only day names are meant here.
            if (!Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) || !Enum.IsDefined(day) || char.IsDigit(name.Trim()[0]))
            {
                problems.Add($"{Key}BusinessHours:{name} is not a day of the week; use Monday … Sunday.");
                continue;
            }

            if (!TryReadOpenings(text, out var openings))
            {
                problems.Add($"{Key}BusinessHours:{name} '{text}' is not a list of ascending, non-overlapping times like '08:00-18:00' or '08:00-12:00, 13:00-17:00'.");
                continue;
            }

            week[(int)day] = openings;
        }

        if (problems.Count == problemsBefore && week.All(d => d.Length == 0))
        {
            problems.Add($"{Key}BusinessHours opens on no day: the clock would never reach a due time.");
        }

        return week;
    }

    private static bool TryReadOpenings(string? text, out Opening[] openings)
    {
        openings = Closed;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var list = new List<Opening>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || !TryReadTime(ends[0], out var open) || !TryReadTime(ends[1], out var close)
                || close <= open || (list.Count > 0 && open < list[^1].Close))
            {
                return false;
            }

            list.Add(new Opening(open, close));
        }

        openings = [.. list];
        return true;
    }

    private static bool TryReadTime(string text, out TimeSpan time)
    {
        if (text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }

        // "hh" accepts 00–23 only, so "25:00" fails here.
        return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out time);
    }

    private static HashSet<DateOnly> ReadHolidays(IReadOnlyList<string> dates, List<string> problems)
    {
        var holidays = new HashSet<DateOnly>();
        foreach (var text in dates)
        {
            // An empty entry lets configuration say "no holidays" (Holidays: [""]): an empty JSON array binds as no list at all.
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(date);
            }
            else
            {
                problems.Add($"{Key}Holidays entry '{text}' is not a date in the form yyyy-MM-dd.");
            }
        }

        return holidays;
    }

    private static void CheckTarget(string name, TimeSpan value, TimeSpan max, List<string> problems)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            problems.Add($"{Key}{name} '{value}' must be more than zero and at most {max.TotalDays:0} days (format d.hh:mm:ss, e.g. '04:00:00' for 4 hours).");
        }
    }
}
