using CustomerCare.Web.Features.PersonalData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>The Retention section as appsettings.json gives it: defaults, "off", and nonsense refused with the setting named.</summary>
public sealed class RetentionOptionsTests
{
    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "DropSecurityEventsAfter", "-1.00:00:00", "Retention:DropSecurityEventsAfter must not be negative" },
        { "DeleteUnconfirmedAccountsAfter", "-30.00:00:00", "Retention:DeleteUnconfirmedAccountsAfter must not be negative" },
        { "DropSentMailsAfter", "06:00:00", "Retention:DropSentMailsAfter is 06:00:00: a period is at least one day" },
        { "AnonymizeClosedComplaintsAfter", "7.00:00:00", "Retention:AnonymizeClosedComplaintsAfter is 7.00:00:00: anonymize closed complaints no sooner than 30 days" },
        { "BatchSize", "0", "Retention:BatchSize must be between 1 and 10000" },
        { "MaxBatchesPerRun", "0", "Retention:MaxBatchesPerRun must be at least 1" },
        { "FirstRunAfter", "-00:05:00", "Retention:FirstRunAfter must be between 0 and 30 days" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_setting_is_refused_with_the_setting_named(string key, string value, string message)
    {
        using var host = Host(new() { [$"Retention:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value);

        Assert.StartsWith(message, Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_keep_complaints_three_years_unconfirmed_accounts_thirty_days_security_events_half_a_year()
    {
        using var host = Host([]);

        var options = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(1095), options.AnonymizeClosedComplaintsAfter);
        Assert.Equal(TimeSpan.FromDays(30), options.DeleteUnconfirmedAccountsAfter);
        Assert.Equal(TimeSpan.FromDays(180), options.DropSecurityEventsAfter);
        Assert.Equal(TimeSpan.FromDays(30), options.DropSentMailsAfter);
        Assert.Equal(500, options.BatchSize);
    }

    [Fact]
    public void An_empty_value_or_zero_turns_a_kind_of_erasure_off()
    {
        using var host = Host(new() { ["Retention:DropSecurityEventsAfter"] = "", ["Retention:AnonymizeClosedComplaintsAfter"] = "0" });

        var options = host.Services.GetRequiredService<IOptions<RetentionOptions>>().Value;

        Assert.Null(RetentionOptions.InForce(options.DropSecurityEventsAfter));
        Assert.Null(RetentionOptions.InForce(options.AnonymizeClosedComplaintsAfter));
        Assert.Equal(TimeSpan.FromDays(30), RetentionOptions.InForce(options.DeleteUnconfirmedAccountsAfter));
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddRetention();
        return builder.Build();
    }
}
