using System.Net;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure.Access;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Unit.Infrastructure;

/// <summary>The throttle's arithmetic on a clock the test moves: free tries, then a wait that doubles, capped.</summary>
public sealed class SignInThrottleTests
{
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.9");
    private static readonly IPAddress Owner = IPAddress.Parse("198.51.100.9");
    private readonly ManualTime time = new(new DateTime(2027, 3, 8, 9, 0, 0, DateTimeKind.Utc));
    private readonly SignInThrottle throttle;

    public SignInThrottleTests() =>
        throttle = new(
            new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())),
            Options.Create(new AccessOptions()),
            time,
            NullLogger<SignInThrottle>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_failures_are_free_then_each_failure_doubles_the_wait()
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.True((await throttle.EnterAsync(Stranger, "anna@example.com", Ct)).Allowed);
        }

        var waits = new List<TimeSpan>();
        for (var round = 0; round < 4; round++)
        {
            var refused = await throttle.EnterAsync(Stranger, "anna@example.com", Ct);
            Assert.False(refused.Allowed);
            var wait = refused.RetryAt!.Value - time.GetUtcNow();
            waits.Add(wait);
            time.Advance(wait - TimeSpan.FromMilliseconds(1));
            Assert.False((await throttle.EnterAsync(Stranger, "anna@example.com", Ct)).Allowed);
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True((await throttle.EnterAsync(Stranger, "anna@example.com", Ct)).Allowed);
        }

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], waits);
    }

    [Fact]
    public async Task The_wait_stops_growing_at_its_cap()
    {
        var counted = 0;
        while (counted < 20)
        {
            var gate = await throttle.EnterAsync(Stranger, "anna@example.com", Ct);
            if (gate.Allowed)
            {
                counted++;
            }
            else
            {
                Assert.True(gate.RetryAt!.Value - time.GetUtcNow() <= TimeSpan.FromMinutes(15));
                time.UtcNow = gate.RetryAt.Value.UtcDateTime;
            }
        }

        var last = await throttle.EnterAsync(Stranger, "anna@example.com", Ct);
        Assert.Equal(TimeSpan.FromMinutes(15), last.RetryAt!.Value - time.GetUtcNow());
    }

    [Fact]
    public async Task A_strangers_failures_slow_the_owner_elsewhere_at_most_by_the_accounts_short_cap()
    {
        // Strangers from many addresses, each within its free tries, add up on the account alone.
        for (var stranger = 0; stranger < 30; stranger++)
        {
            var address = IPAddress.Parse($"203.0.113.{100 + stranger}");
            await throttle.EnterAsync(address, "anna@example.com", Ct);
            await throttle.EnterAsync(address, "anna@example.com", Ct);
            time.Advance(TimeSpan.FromSeconds(31));
        }

        var owner = await throttle.EnterAsync(Owner, "anna@example.com", Ct);
        if (!owner.Allowed)
        {
            Assert.True(owner.RetryAt!.Value - time.GetUtcNow() <= TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Success_clears_the_account_but_the_address_keeps_its_record()
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await throttle.EnterAsync(Stranger, "anna@example.com", Ct);
        }

        var right = await throttle.EnterAsync(Stranger, "anna@example.com", Ct);
        await throttle.SucceededAsync(right, Ct);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.True((await throttle.EnterAsync(Stranger, "anna@example.com", Ct)).Allowed);
        }

        Assert.False((await throttle.EnterAsync(Stranger, "anna@example.com", Ct)).Allowed);
    }

    [Fact]
    public async Task Failures_are_forgotten_after_an_hour_of_quiet()
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await throttle.EnterAsync(Stranger, "anna@example.com", Ct);
        }

        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.True((await throttle.EnterAsync(Stranger, "anna@example.com", Ct)).Allowed);
    }

    [Theory]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("192.0.2.1", "192.0.2.1")]
    public void An_ipv6_client_counts_by_its_64_prefix(string address, string key)
    {
        Assert.Equal(key, SignInThrottle.AddressKey(IPAddress.Parse(address)));
    }
}
