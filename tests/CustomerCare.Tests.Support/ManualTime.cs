namespace CustomerCare.Tests.Support;

/// <summary>
/// The one hand-set clock of the integration tests: services take it as their <see cref="TimeProvider"/> and the
/// test moves it forwards or backwards. Timers are not faked; tests that need them use FakeTimeProvider.
/// </summary>
public sealed class ManualTime(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(UtcNow, DateTimeKind.Utc));

    public void Advance(TimeSpan by) => UtcNow += by;
}
