using System.Net;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure.Access;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CustomerCare.Tests.Integration.Accounts;

/// <summary>With Redis (Live:Redis), what one server counted slows the same stranger on another.</summary>
public sealed class SignInThrottleRedisTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Failures_counted_on_one_server_slow_the_next_attempt_on_another()
    {
        var instance = $"customercare:test:{Guid.NewGuid():N}:";
        using var cacheA = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = TestDependencies.Redis, InstanceName = instance }));
        using var cacheB = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = TestDependencies.Redis, InstanceName = instance }));
        var serverA = new SignInThrottle(cacheA, Options.Create(new AccessOptions()), TimeProvider.System, NullLogger<SignInThrottle>.Instance);
        var serverB = new SignInThrottle(cacheB, Options.Create(new AccessOptions()), TimeProvider.System, NullLogger<SignInThrottle>.Instance);
        var stranger = IPAddress.Parse("203.0.113.77");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.True((await serverA.EnterAsync(stranger, "anna@example.com", Ct)).Allowed);
        }

        var onB = await serverB.EnterAsync(stranger, "anna@example.com", Ct);
        var otherAccountOnB = await serverB.EnterAsync(stranger, "bert@example.com", Ct);

        Assert.False(onB.Allowed);
        Assert.True(otherAccountOnB.Allowed);
    }
}
