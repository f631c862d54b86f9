using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// The <c>Retention</c> section: how long personal data is kept before the daily retention job erases it. Periods are
/// calendar time (<c>d.hh:mm:ss</c>, like every period in the configuration); an empty value or zero turns that kind
/// of erasure off. docs/privacy.md says why each default is what it is.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// A solved complaint whose last activity (update, reply, status change, rating) is older than this is anonymized.
    /// Three years: the regular limitation period for claims (§ 195 BGB), within which the company may need the case.
    /// </summary>
    public TimeSpan? AnonymizeClosedComplaintsAfter { get; set; } = TimeSpan.FromDays(3 * 365);

    /// <summary>
    /// An account whose address was never confirmed, registered longer ago than this, is deleted: outright when it holds
    /// nothing, as its owner would delete it when it holds content (<see cref="NeverConfirmedAccounts"/>).
    /// </summary>
    public TimeSpan? DeleteUnconfirmedAccountsAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Security events (sign-ins, failures, role changes, with IP addresses) older than this are dropped.</summary>
    public TimeSpan? DropSecurityEventsAfter { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Mails the outbox sent (or gave up) longer ago than this are dropped; they repeat what the portal still shows.</summary>
    public TimeSpan? DropSentMailsAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Webhook events delivered (or given up) longer ago than this are dropped from the delivery log: internal payloads
    /// carry names, addresses and complaints' words, and a receiver's question about a delivery comes within days.
    /// </summary>
    public TimeSpan? DropWebhookDeliveriesAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Rows of one kind erased per batch (one batch = one short transaction per kind); each batch is logged.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Batches per kind in one daily run at most; what is left waits for the next day's run.</summary>
    public int MaxBatchesPerRun { get; set; } = 100;

    /// <summary>How long after the server starts the first run begins; then every 24 hours.</summary>
    public TimeSpan FirstRunAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The period if it is set and above zero, else null (that erasure is off).</summary>
    public static TimeSpan? InForce(TimeSpan? period) => period is { } p && p > TimeSpan.Zero ? p : null;

    /// <summary>Every problem with the section, worded for whoever edits appsettings.json; empty when it is sound.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, period) in new[]
                 {
                     (nameof(AnonymizeClosedComplaintsAfter), AnonymizeClosedComplaintsAfter),
                     (nameof(DeleteUnconfirmedAccountsAfter), DeleteUnconfirmedAccountsAfter),
                     (nameof(DropSecurityEventsAfter), DropSecurityEventsAfter),
                     (nameof(DropSentMailsAfter), DropSentMailsAfter),
                     (nameof(DropWebhookDeliveriesAfter), DropWebhookDeliveriesAfter),
                 })
        {
            if (period < TimeSpan.Zero)
            {
                yield return $"{Section}:{name} must not be negative (it is {period}); leave it empty or 0 to keep that data.";
            }
            else if (period > TimeSpan.Zero && period < TimeSpan.FromDays(1))
            {
                yield return $"{Section}:{name} is {period}: a period is at least one day (1.00:00:00), or empty or 0 for off.";
            }
        }

        // A complaint is solved by the customer or closed after weeks of silence; erasing it within a month would take a
        // case from a customer who comes back (a reply reopens it).
        if (AnonymizeClosedComplaintsAfter is { } complaints && complaints > TimeSpan.Zero && complaints < TimeSpan.FromDays(30))
        {
            yield return $"{Section}:{nameof(AnonymizeClosedComplaintsAfter)} is {complaints}: anonymize closed complaints no sooner than 30 days (30.00:00:00) after their last activity.";
        }

        if (BatchSize is < 1 or > 10_000)
        {
            yield return $"{Section}:{nameof(BatchSize)} must be between 1 and 10000 (it is {BatchSize}).";
        }

        if (MaxBatchesPerRun < 1)
        {
            yield return $"{Section}:{nameof(MaxBatchesPerRun)} must be at least 1 (it is {MaxBatchesPerRun}).";
        }

        if (FirstRunAfter < TimeSpan.Zero || FirstRunAfter > TimeSpan.FromDays(30))
        {
            yield return $"{Section}:{nameof(FirstRunAfter)} must be between 0 and 30 days (it is {FirstRunAfter}).";
        }
    }
}

public static class RetentionServices
{
    /// <summary>The Retention section (validated at start-up), the job and its daily loop.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }

    private sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
    {
        public ValidateOptionsResult Validate(string? name, RetentionOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
