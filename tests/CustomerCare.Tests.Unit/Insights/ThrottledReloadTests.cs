using CustomerCare.Web.Features.Insights;
using Microsoft.Extensions.Time.Testing;

namespace CustomerCare.Tests.Unit.Insights;

/// <summary>Live events read the report again at once after a quiet spell and at most once a spell in a burst; no timer runs idle.</summary>
public sealed class ThrottledReloadTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
    private int reloads;

    [Fact]
    public async Task The_first_event_reloads_at_once()
    {
        using var throttle = new ThrottledReload(time, Every, CountAsync);

        await throttle.RequestAsync();

        Assert.Equal(1, reloads);
    }

    [Fact]
    public async Task A_burst_of_events_reloads_once_at_once_and_once_when_the_spell_is_over()
    {
        using var throttle = new ThrottledReload(time, Every, CountAsync);

        for (var i = 0; i < 100; i++)
        {
            await throttle.RequestAsync();
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(1, reloads);
        time.Advance(Every);
        Assert.Equal(2, reloads);
        time.Advance(Every * 10);
        Assert.Equal(2, reloads);
        await throttle.RequestAsync();
        Assert.Equal(3, reloads);
    }

    [Fact]
    public async Task A_reload_still_waiting_is_dropped_when_the_page_goes_away()
    {
        var throttle = new ThrottledReload(time, Every, CountAsync);
        await throttle.RequestAsync();
        await throttle.RequestAsync();

        throttle.Dispose();
        time.Advance(Every * 2);
        await throttle.RequestAsync();

        Assert.Equal(1, reloads);
    }

    private Task CountAsync()
    {
        reloads++;
        return Task.CompletedTask;
    }
}
