namespace CustomerCare.Web.Infrastructure;

/// <summary>The outboxes' (mail, webhooks) one retry rule: the wait doubles after each failed attempt, up to a ceiling.</summary>
public static class Backoff
{
    public static TimeSpan Exponential(TimeSpan first, TimeSpan max, int attempts) =>
        TimeSpan.FromTicks(Math.Min(max.Ticks, first.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));
}
