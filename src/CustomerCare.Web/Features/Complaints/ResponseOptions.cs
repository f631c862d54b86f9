using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Complaints;

/// <summary>When the complaints desk promises an answer (section <c>Complaints:Response</c>).</summary>
public sealed class ResponseOptions
{
    public const string Section = "Complaints:Response";

    /// <summary>The portal's zone: business hours and holidays are its wall-clock times. IANA id; Windows ids are accepted too.</summary>
    public string TimeZone { get; set; } = "Europe/Berlin";

    /// <summary>
    /// Opening hours per weekday, e.g. <c>"08:00-18:00"</c> or <c>"08:00-12:00, 13:00-17:00"</c>; an empty or missing day is
    /// closed. Null means the default, Monday to Friday 08:00–18:00. Configuring the section replaces the default
    /// as a whole (the binder builds a new dictionary), so the days one leaves out are closed, as one would expect.
    /// Keys are day names as text, not <see cref="DayOfWeek"/>: the binder silently drops an enum key it cannot
    /// read, and a misspelt "Mondy" must stop start-up rather than close Mondays.
    /// </summary>
    public Dictionary<string, string>? BusinessHours { get; set; }

    /// <summary>
    /// Closed dates (<c>yyyy-MM-dd</c>) in the portal's zone. Null means <see cref="GermanNationwideHolidays"/>;
    /// configuring a list replaces them (defaults in the property itself would be appended to, not replaced).
    /// </summary>
    public List<string>? Holidays { get; set; }

    /// <summary>Business time until the first answer to a new complaint is due.</summary>
    public TimeSpan FirstAnswerTarget { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Business time until the next answer is due once the customer has written again.</summary>
    public TimeSpan NextAnswerTarget { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Calendar time of customer silence after a proposed resolution before the complaint closes itself.</summary>
    public TimeSpan AutoCloseAfter { get; set; } = TimeSpan.FromDays(14);

    public static IReadOnlyDictionary<string, string> DefaultBusinessHours { get; } = new Dictionary<string, string>
    {
        ["Monday"] = "08:00-18:00",
        ["Tuesday"] = "08:00-18:00",
        ["Wednesday"] = "08:00-18:00",
        ["Thursday"] = "08:00-18:00",
        ["Friday"] = "08:00-18:00",
    };

    /// <summary>
    /// Germany's nine nationwide public holidays in 2026 and 2027 (state holidays such as Epiphany or
    /// Reformation Day differ by state and belong in configuration). Easter Sunday is 5 April 2026 and 28 March 2027;
    /// Good Friday, Easter Monday, Ascension (+39) and Whit Monday (+50) follow from it.
    /// </summary>
    public static IReadOnlyList<string> GermanNationwideHolidays { get; } =
    [
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14",
        "2026-05-25", "2026-10-03", "2026-12-25", "2026-12-26",
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-06",
        "2027-05-17", "2027-10-03", "2027-12-25", "2027-12-26",
    ];

    public IReadOnlyDictionary<string, string> EffectiveBusinessHours => BusinessHours ?? DefaultBusinessHours;

    public IReadOnlyList<string> EffectiveHolidays => Holidays ?? GermanNationwideHolidays;
}

/// <summary>Refuses start-up on a setting the clock could not use, naming the setting.</summary>
public sealed class ResponseOptionsValidator : IValidateOptions<ResponseOptions>
{
    public ValidateOptionsResult Validate(string? name, ResponseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = ResponseSchedule.Problems(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class ResponseClockServices
{
    public static IServiceCollection AddResponseClock(this IServiceCollection services)
    {
        services.AddOptions<ResponseOptions>().BindConfiguration(ResponseOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResponseOptions>, ResponseOptionsValidator>();
        services.AddSingleton<ResponseClock>();
        services.AddSingleton<ResponsePromise>();
        services.AddSingleton<ResolutionText>();
        return services;
    }
}
