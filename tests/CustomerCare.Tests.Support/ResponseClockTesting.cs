using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Support;

/// <summary>A response clock built directly over a <see cref="ManualTime"/> (no host, no database).</summary>
public static class ResponseClockTesting
{
    /// <summary>An instant written as UTC, e.g. "2026-11-16 09:00"; tests spell out the zone's local time beside it.</summary>
    public static DateTime Utc(string text) =>
        DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public static ResponseClock Clock(Action<ResponseOptions>? configure = null, ManualTime? time = null)
    {
        var options = new ResponseOptions();
        configure?.Invoke(options);
        return new ResponseClock(Options.Create(options), time ?? new ManualTime(Utc("2026-11-23 07:00")));
    }

    /// <summary>Every day open around the clock, so DST nights fall inside business hours.</summary>
    public static void AlwaysOpen(ResponseOptions o) =>
        o.BusinessHours = Enum.GetNames<DayOfWeek>().ToDictionary(d => d, _ => "00:00-24:00");
}
