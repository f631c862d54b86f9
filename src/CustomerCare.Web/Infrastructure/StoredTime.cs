namespace CustomerCare.Web.Infrastructure;

public static class StoredTime
{
    /// <summary>
    /// The current UTC time in whole milliseconds: what every provider's timestamp keeps, so a value written now reads
    /// back equal (a trend weight taken back from a vote's CreatedAt, a guard that compares the time it wrote).
    /// </summary>
    public static DateTime StoredUtcNow(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
