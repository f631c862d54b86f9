using System.Globalization;
using CustomerCare.Web.Features.Insights;

namespace CustomerCare.Tests.Unit.Insights;

/// <summary>Weeks and months as the portal's zone has them, hours with one decimal, shares in percent, axes that stay legible.</summary>
public sealed class InsightsFormatTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // Monday 30 November 2026, 00:00 in Berlin: still Sunday in UTC.
    private static readonly DateTime Monday = new(2026, 11, 29, 23, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_week_is_its_Monday_in_the_portals_zone_as_the_culture_writes_a_short_date_without_the_year()
    {
        Assert.Equal("11/30", new InsightsFormat(Berlin, new CultureInfo("en-US")).Week(Monday));
        Assert.Equal("30.11", new InsightsFormat(Berlin, new CultureInfo("de-DE")).Week(Monday));
        Assert.Equal("30/11", new InsightsFormat(Berlin, new CultureInfo("en-GB")).Week(Monday));
        Assert.Equal("2026-11-30", new InsightsFormat(Berlin, new CultureInfo("de-DE")).Day(Monday));
    }

    [Fact]
    public void Hours_and_days_have_one_decimal_and_shares_are_percent_in_the_readers_culture()
    {
        var english = new InsightsFormat(Berlin, new CultureInfo("en-US"));
        var german = new InsightsFormat(Berlin, new CultureInfo("de-DE"));

        Assert.Equal("3.1", english.Hours(3.14159));
        Assert.Equal("3,1", german.Hours(3.14159));
        Assert.Equal("–", english.Hours(null));
        Assert.Equal("83%", english.Share(0.834));
        Assert.Equal("83 %", german.Share(0.834));
        Assert.Equal("2026-12", english.Month(new DateTime(2026, 11, 30, 23, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_year_of_weeks_shows_at_most_seven_labels_and_a_month_shows_all()
    {
        var year = Enumerable.Range(1, 52).Select(i => $"w{i}").ToList();

        var thinned = InsightsFormat.Thinned(year);

        Assert.Equal(52, thinned.Length);
        Assert.Equal(7, thinned.Count(l => l.Length > 0));
        Assert.Equal("w1", thinned[0]);
        Assert.Equal(["a", "b", "c", "d"], InsightsFormat.Thinned(["a", "b", "c", "d"]));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(7, 2)]
    [InlineData(24, 5)]
    [InlineData(100, 20)]
    [InlineData(440, 100)]
    public void An_axis_steps_by_one_two_or_five_times_a_power_of_ten_to_about_five_ticks(double max, int step)
    {
        Assert.Equal(step, InsightsFormat.TickStep(max));
    }
}
