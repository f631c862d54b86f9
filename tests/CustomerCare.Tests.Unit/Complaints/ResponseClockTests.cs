using CustomerCare.Tests.Support;

using static CustomerCare.Tests.Support.ResponseClockTesting;

namespace CustomerCare.Tests.Unit.Complaints;

/// <summary>
/// Due times in business time: Europe/Berlin, Monday to Friday 08:00–18:00 and Germany's nationwide holidays unless a
/// test says otherwise. Berlin is UTC+1 in winter and UTC+2 in summer; each instant is UTC with Berlin's time beside it.
/// </summary>
public sealed class ResponseClockTests
{
    private static readonly TimeSpan FourHours = TimeSpan.FromHours(4);

    [Theory]
    [InlineData("2026-11-16 09:00", "2026-11-16 13:00")] // Monday 10:00 → Monday 14:00
    [InlineData("2026-11-16 15:00", "2026-11-17 09:00")] // Monday 16:00 → Tuesday 10:00
    [InlineData("2026-11-20 15:00", "2026-11-23 09:00")] // Friday 16:00 → Monday 10:00
    [InlineData("2026-11-21 10:00", "2026-11-23 11:00")] // Saturday 11:00 → Monday 12:00
    [InlineData("2026-11-16 04:00", "2026-11-16 11:00")] // Monday 05:00, before opening → Monday 12:00
    [InlineData("2026-11-16 13:00", "2026-11-16 17:00")] // Monday 14:00 → Monday 18:00, the closing minute itself
    public void Four_business_hours_skip_nights_and_weekends(string filedUtc, string dueUtc)
    {
        Assert.Equal(Utc(dueUtc), Clock().DueAt(Utc(filedUtc), FourHours));
    }

    [Fact]
    public void Complaint_filed_on_Christmas_Eve_afternoon_is_due_after_the_holidays_and_the_weekend()
    {
        // Thursday 24 December 16:00; Friday 25th and Saturday 26th are holidays, then Sunday.
        var due = Clock().DueAt(Utc("2026-12-24 15:00"), FourHours);

        Assert.Equal(Utc("2026-12-28 09:00"), due); // Monday 28 December 10:00
    }

    [Fact]
    public void Without_holidays_Christmas_Day_is_a_working_Friday()
    {
        var due = Clock(o => o.Holidays = [""]).DueAt(Utc("2026-12-24 15:00"), FourHours);

        Assert.Equal(Utc("2026-12-25 09:00"), due); // Friday 25 December 10:00
    }

    [Fact]
    public void Configured_holidays_replace_the_German_ones()
    {
        var clock = Clock(o => o.Holidays = ["2026-11-17"]);

        Assert.Equal(Utc("2026-11-18 09:00"), clock.DueAt(Utc("2026-11-16 15:00"), FourHours)); // Tuesday closed → Wednesday 10:00
        Assert.Equal(Utc("2026-12-25 09:00"), clock.DueAt(Utc("2026-12-24 15:00"), FourHours)); // Christmas no longer closed
    }

    [Fact]
    public void Over_the_spring_forward_weekend_the_due_time_moves_to_summer_time()
    {
        // Friday 27 March 16:00 CET; clocks go forward on Sunday 29 March.
        var due = Clock().DueAt(Utc("2026-03-27 15:00"), FourHours);

        Assert.Equal(Utc("2026-03-30 08:00"), due); // Monday 10:00 CEST
    }

    [Fact]
    public void Over_the_fall_back_weekend_the_due_time_moves_to_winter_time()
    {
        // Friday 23 October 16:00 CEST; clocks go back on Sunday 25 October.
        var due = Clock().DueAt(Utc("2026-10-23 14:00"), FourHours);

        Assert.Equal(Utc("2026-10-26 09:00"), due); // Monday 10:00 CET
    }

    [Fact]
    public void Business_time_through_the_spring_forward_night_is_real_elapsed_time()
    {
        var clock = Clock(AlwaysOpen);
        var midnight = Utc("2026-03-28 23:00"); // Sunday 29 March 00:00 CET

        Assert.Equal(Utc("2026-03-29 03:00"), clock.DueAt(midnight, FourHours)); // 05:00 CEST, four real hours later
        Assert.Equal(TimeSpan.FromHours(23), clock.BusinessTimeBetween(midnight, Utc("2026-03-29 22:00")));
    }

    [Fact]
    public void Business_time_through_the_fall_back_night_is_real_elapsed_time()
    {
        var clock = Clock(AlwaysOpen);
        var midnight = Utc("2026-10-24 22:00"); // Sunday 25 October 00:00 CEST

        Assert.Equal(Utc("2026-10-25 02:00"), clock.DueAt(midnight, FourHours)); // 03:00 CET
        Assert.Equal(TimeSpan.FromHours(25), clock.BusinessTimeBetween(midnight, Utc("2026-10-25 23:00")));
    }

    [Fact]
    public void Opening_at_a_time_the_clocks_skip_starts_just_after_the_jump()
    {
        var clock = Clock(o => o.BusinessHours = new() { ["Sunday"] = "02:30-10:00" });

        // Sunday 29 March: 02:30 CET does not exist; the desk opens at 03:30 CEST (01:30 UTC).
        Assert.Equal(Utc("2026-03-29 02:30"), clock.DueAt(Utc("2026-03-28 12:00"), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Opening_at_a_time_that_occurs_twice_starts_at_its_first_occurrence()
    {
        var clock = Clock(o => o.BusinessHours = new() { ["Sunday"] = "02:30-10:00" });

        // Sunday 25 October: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
        Assert.Equal(Utc("2026-10-25 01:30"), clock.DueAt(Utc("2026-10-24 12:00"), TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("Asia/Tokyo", "2026-11-17 03:00")]       // Monday 18:00 in Tokyo: closed; Tuesday 08:00 + 4 h = 12:00 JST
    [InlineData("America/New_York", "2026-11-16 17:00")] // Monday 04:00 in New York: opens 08:00, due 12:00 EST
    [InlineData("Europe/Berlin", "2026-11-16 13:00")]    // Monday 10:00 in Berlin
    public void The_configured_zone_decides_the_due_instant(string zone, string dueUtc)
    {
        var due = Clock(o => o.TimeZone = zone).DueAt(Utc("2026-11-16 09:00"), FourHours);

        Assert.Equal(Utc(dueUtc), due);
    }

    [Fact]
    public void A_Windows_zone_id_means_the_same_zone()
    {
        var due = Clock(o => o.TimeZone = "W. Europe Standard Time").DueAt(Utc("2026-11-16 09:00"), FourHours);

        Assert.Equal(Utc("2026-11-16 13:00"), due);
    }

    [Fact]
    public void Waiting_over_a_weekend_counts_only_business_hours()
    {
        // Friday 17:00 → Monday 09:00: one hour on Friday, one on Monday.
        var waited = Clock().BusinessTimeBetween(Utc("2026-11-20 16:00"), Utc("2026-11-23 08:00"));

        Assert.Equal(TimeSpan.FromHours(2), waited);
    }

    [Fact]
    public void Waiting_time_and_due_time_agree()
    {
        var clock = Clock();
        var filed = Utc("2026-12-23 14:30");
        var due = clock.DueAt(filed, TimeSpan.FromHours(13));

        Assert.Equal(TimeSpan.FromHours(13), clock.BusinessTimeBetween(filed, due));
        Assert.Equal(TimeSpan.Zero, clock.BusinessTimeBetween(due, filed));
    }

    [Fact]
    public void Overdue_flips_exactly_after_the_due_instant()
    {
        var time = new ManualTime(Utc("2026-11-16 12:59"));
        var clock = Clock(time: time);
        var due = clock.DueAt(Utc("2026-11-16 09:00"), FourHours);

        Assert.False(clock.IsOverdue(due));
        time.UtcNow = due;
        Assert.False(clock.IsOverdue(due));
        time.UtcNow = due.AddTicks(1);
        Assert.True(clock.IsOverdue(due));
    }

    [Fact]
    public void State_of_a_first_answer_shows_business_time_left_then_overdue_by()
    {
        var time = new ManualTime(Utc("2026-11-20 16:00")); // Friday 17:00
        var clock = Clock(time: time);
        var filed = Utc("2026-11-20 14:00"); // Friday 15:00

        var waiting = clock.For(filed, firstAnswer: true);
        Assert.Equal(new(Utc("2026-11-23 08:00"), FourHours, TimeSpan.FromHours(2), TimeSpan.FromHours(2), TimeSpan.Zero, false), waiting);

        time.UtcNow = Utc("2026-11-23 10:30"); // Monday 11:30
        var late = clock.For(filed, firstAnswer: true);
        Assert.True(late.IsOverdue);
        Assert.Equal(TimeSpan.FromHours(2.5), late.OverdueBy);
        Assert.Equal(TimeSpan.Zero, late.Remaining);
    }

    [Fact]
    public void Next_answer_uses_the_next_answer_target()
    {
        var state = Clock(o => o.NextAnswerTarget = TimeSpan.FromHours(10)).For(Utc("2026-11-16 09:00"), firstAnswer: false);

        Assert.Equal(Utc("2026-11-17 09:00"), state.DueAt); // Monday 10:00 + 8 h Monday + 2 h Tuesday
        Assert.Equal(TimeSpan.FromHours(10), state.Target);
    }

    [Fact]
    public void A_calendar_without_business_time_for_a_year_stops_with_a_clear_error()
    {
        var everyMonday = Enumerable.Range(0, 800).Select(i => new DateOnly(2026, 11, 16).AddDays(7 * i).ToString("yyyy-MM-dd", null));
        var clock = Clock(o =>
        {
            o.BusinessHours = new() { ["Monday"] = "08:00-18:00" };
            o.Holidays = [.. everyMonday];
        });

        var error = Assert.Throws<InvalidOperationException>(() => clock.DueAt(Utc("2026-11-16 09:00"), FourHours));
        Assert.Contains("Complaints:Response:BusinessHours", error.Message, StringComparison.Ordinal);
    }
}
