using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Webhooks;

/// <summary>The Webhooks section: which targets may be called, and the sender's timings (validated at start-up).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets endpoints point at loopback, private, link-local and other internal addresses. Off by default: an admin's
    /// URL must not turn the portal into a way into the company's own network (SSRF).
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Host names that may be internal addresses although <see cref="AllowPrivateTargets"/> is off ("hooks.intranet").</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>How long one attempt may take, connecting included; a receiver that hangs fails the attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery before it gives up (the back-off below spreads them over hours).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait after the first failed attempt; it doubles after each further one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Failed attempts in a row, over all its deliveries, after which an endpoint is switched off and admins are told.</summary>
    public int DisableAfterFailures { get; set; } = 15;

    /// <summary>How long one server holds the deliveries it claimed; another server may take them after that.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 20;

    /// <summary>How often the sender looks for due deliveries when nothing was enqueued meanwhile.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Votes on one idea within this window make one idea.votes_changed event, sent at its end with the newest count.</summary>
    public TimeSpan VoteBatch { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan BackoffAfter(int attempts) => Backoff.Exponential(BackoffBase, MaxBackoff, attempts);

    public IEnumerable<string> Problems()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            yield return "Webhooks:Timeout must be positive and at most a minute.";
        }

        if (MaxAttempts < 1 || DisableAfterFailures < 1)
        {
            yield return "Webhooks:MaxAttempts and Webhooks:DisableAfterFailures must be at least 1.";
        }

        if (BackoffBase <= TimeSpan.Zero || MaxBackoff < BackoffBase)
        {
            yield return "Webhooks:BackoffBase must be positive and Webhooks:MaxBackoff at least as long.";
        }

        if (LeaseDuration <= Timeout * 2 || BatchSize < 1 || PollInterval <= TimeSpan.Zero || VoteBatch <= TimeSpan.Zero)
        {
            yield return "Webhooks:LeaseDuration must be more than twice Webhooks:Timeout; BatchSize at least 1; PollInterval and VoteBatch positive.";
        }
    }
}
