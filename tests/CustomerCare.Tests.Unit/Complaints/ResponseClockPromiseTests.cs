using System.Globalization;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CustomerCare.Tests.Support.ResponseClockTesting;

namespace CustomerCare.Tests.Unit.Complaints;

/// <summary>The promise a customer reads after filing, in English and German, relative to today in Berlin.</summary>
public sealed class ResponseClockPromiseTests
{
    // Monday 23 November 2026, 08:00 in Berlin.
    private readonly ResponsePromise promise = new(
        Clock(time: new ManualTime(Utc("2026-11-23 07:00"))),
        new StringLocalizer<Strings>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    [Theory]
    [InlineData("en", "2026-11-23 13:00", "today 14:00")]
    [InlineData("de", "2026-11-23 13:00", "heute 14:00")]
    [InlineData("en", "2026-11-24 08:00", "tomorrow 09:00")]
    [InlineData("de", "2026-11-24 08:00", "morgen 09:00")]
    [InlineData("en", "2026-11-26 13:00", "Thursday 14:00")]
    [InlineData("de", "2026-11-26 13:00", "Donnerstag, 14:00")]
    [InlineData("en", "2026-11-30 13:00", "Monday, 30 November, 14:00")]
    [InlineData("de", "2026-11-30 13:00", "Montag, 30. November, 14:00")]
    public void Due_time_reads_as_today_tomorrow_a_weekday_or_a_date(string culture, string dueUtc, string expected)
    {
        Assert.Equal(expected, In(culture, () => promise.When(Utc(dueUtc))));
    }

    [Fact]
    public void Late_evening_in_UTC_is_already_tomorrow_in_Berlin()
    {
        // 23:30 UTC on Monday is Tuesday 00:30 in Berlin: the day is the portal's, not the server's.
        Assert.Equal("tomorrow 00:30", In("en", () => promise.When(Utc("2026-11-23 23:30"))));
    }

    [Fact]
    public void Whole_promise_in_English_and_German()
    {
        Assert.Equal("Your complaint is with our team — you get an answer by tomorrow 09:00",
            In("en", () => promise.PromiseText(Utc("2026-11-24 08:00"))));
        Assert.Equal("Ihre Beschwerde liegt bei unserem Team — Sie bekommen eine Antwort bis Mittwoch, 10:00",
            In("de", () => promise.PromiseText(Utc("2026-11-25 09:00"))));
    }

    private static string In(string culture, Func<string> text)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return text();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
