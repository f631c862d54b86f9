using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.Complaints;

/// <summary>The clock's settings: defaults that work, configuration that replaces them, and bad values that stop start-up.</summary>
public sealed class ResponseClockOptionsTests
{
    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "TimeZone", "Mars/Olympus_Mons", "Complaints:Response:TimeZone" },
        { "BusinessHours:Monday", "25:00-26:00", "Complaints:Response:BusinessHours:Monday" },
        { "BusinessHours:Tuesday", "18:00-08:00", "Complaints:Response:BusinessHours:Tuesday" },
        { "BusinessHours:Wednesday", "08:00-13:00, 12:00-17:00", "Complaints:Response:BusinessHours:Wednesday" },
        { "BusinessHours:Mondy", "08:00-18:00", "Complaints:Response:BusinessHours:Mondy" },
        { "BusinessHours:Monday", "", "Complaints:Response:BusinessHours opens on no day" },
        { "Holidays:0", "24.12.2026", "Complaints:Response:Holidays" },
        { "FirstAnswerTarget", "00:00:00", "Complaints:Response:FirstAnswerTarget" },
        { "NextAnswerTarget", "-01:00:00", "Complaints:Response:NextAnswerTarget" },
        { "AutoCloseAfter", "0", "Complaints:Response:AutoCloseAfter" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_up_stops_on_a_bad_setting_and_names_it(string key, string value, string named)
    {
        using var host = Host(new() { [$"Complaints:Response:{key}"] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var message = Assert.Single(error.Failures);
        Assert.StartsWith(named, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_start_and_give_Monday_to_Friday_eight_to_six_in_Berlin()
    {
        using var host = Host([]);
        await host.StartAsync(TestContext.Current.CancellationToken);

        var clock = host.Services.GetRequiredService<ResponseClock>();
        var options = host.Services.GetRequiredService<IOptions<ResponseOptions>>().Value;

        Assert.Equal("Europe/Berlin", clock.Zone.Id);
        Assert.Equal((TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromDays(14)), (options.FirstAnswerTarget, options.NextAnswerTarget, options.AutoCloseAfter));
        Assert.Equal(new Opening(TimeSpan.FromHours(8), TimeSpan.FromHours(18)), Assert.Single(clock.Schedule.OpeningsOn(new DateOnly(2026, 11, 20))));
        Assert.Empty(clock.Schedule.OpeningsOn(new DateOnly(2026, 11, 21)));
        Assert.Empty(clock.Schedule.OpeningsOn(new DateOnly(2026, 12, 25)));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Configured_business_hours_replace_the_default_week_so_left_out_days_are_closed()
    {
        using var host = Host(new()
        {
            ["Complaints:Response:BusinessHours:Monday"] = "09:00-12:00, 13:00-17:00",
            ["Complaints:Response:BusinessHours:Saturday"] = "10:00-14:00",
            ["Complaints:Response:Holidays:0"] = "2026-11-16",
            ["Complaints:Response:FirstAnswerTarget"] = "1.00:00:00",
        });

        var clock = host.Services.GetRequiredService<ResponseClock>();
        var options = host.Services.GetRequiredService<IOptions<ResponseOptions>>().Value;

        Assert.Equal([new(TimeSpan.FromHours(9), TimeSpan.FromHours(12)), new(TimeSpan.FromHours(13), TimeSpan.FromHours(17))],
            clock.Schedule.OpeningsOn(new DateOnly(2026, 11, 23)));
        Assert.Empty(clock.Schedule.OpeningsOn(new DateOnly(2026, 11, 20))); // Friday, not configured
        Assert.Single(clock.Schedule.OpeningsOn(new DateOnly(2026, 11, 21)));
        Assert.Empty(clock.Schedule.OpeningsOn(new DateOnly(2026, 11, 16))); // the configured holiday
        Assert.NotEmpty(clock.Schedule.OpeningsOn(new DateOnly(2026, 12, 28))); // a Monday, and no longer a German holiday
        Assert.Equal(TimeSpan.FromDays(1), options.FirstAnswerTarget);
    }

    [Fact]
    public void In_appsettings_json_an_empty_day_is_closed_and_a_list_of_one_empty_date_means_no_holidays()
    {
        // An empty JSON array binds as no list at all (so the defaults would stay); [""] is the documented way to say none.
        var json = """{ "Complaints": { "Response": { "Holidays": [""], "BusinessHours": { "Thursday": "08:00-18:00", "Friday": "" } } } }""";
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddResponseClock();
        using var host = builder.Build();

        var schedule = host.Services.GetRequiredService<ResponseClock>().Schedule;

        Assert.NotEmpty(schedule.OpeningsOn(new DateOnly(2026, 12, 24))); // Thursday
        Assert.Empty(schedule.OpeningsOn(new DateOnly(2026, 12, 25)));    // Friday: closed by the empty value, not as a holiday
        Assert.NotEmpty(schedule.OpeningsOn(new DateOnly(2027, 10, 14))); // Thursday 14 October
        Assert.NotEmpty(schedule.OpeningsOn(new DateOnly(2026, 5, 14)));  // Ascension Day, a Thursday: no holidays now
    }

    [Fact]
    public void Default_holidays_are_exactly_Germanys_nationwide_ones_in_2026_and_2027()
    {
        var expected = Enumerable.Range(2026, 2).SelectMany(NationwideHolidays).Select(d => d.ToString("yyyy-MM-dd", null));

        Assert.Equal(expected, ResponseOptions.GermanNationwideHolidays);
    }

    // Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), computed here independently of the list.
    private static IEnumerable<DateOnly> NationwideHolidays(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451, month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        var easter = new DateOnly(year, month, day);
        return [new(year, 1, 1), easter.AddDays(-2), easter.AddDays(1), new(year, 5, 1), easter.AddDays(39),
            easter.AddDays(50), new(year, 10, 3), new(year, 12, 25), new(year, 12, 26)];
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddLocalization();
        builder.Services.AddResponseClock();
        return builder.Build();
    }
}

/// <summary>The portal itself registers the clock and starts with its default settings.</summary>
public sealed class ResponseClockHostingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public void The_portal_serves_the_response_clock_and_its_promise()
    {
        var clock = portal.Services.GetRequiredService<ResponseClock>();

        Assert.Equal("Europe/Berlin", clock.Zone.Id);
        Assert.NotNull(portal.Services.GetRequiredService<ResponsePromise>());
    }
}
