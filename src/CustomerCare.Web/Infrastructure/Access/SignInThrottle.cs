using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure.Access;

/// <summary>
/// What the throttle says about one sign-in attempt: go ahead (then report success with <see cref="SignInThrottle.SucceededAsync"/>),
/// or wait until <see cref="RetryAt"/> without the password being looked at.
/// </summary>
public sealed class SignInGate
{
    internal SignInGate(DateTimeOffset? retryAt, IReadOnlyDictionary<string, ThrottleState> before)
    {
        RetryAt = retryAt;
        Before = before;
    }

    public bool Allowed => RetryAt is null;

    public DateTimeOffset? RetryAt { get; }

    internal IReadOnlyDictionary<string, ThrottleState> Before { get; }
}

/// <summary>One key's failures in a row, when the last was, and before when no attempt is taken.</summary>
internal sealed record ThrottleState(int Failures, long LastFailureMs, long NotBeforeMs);

/// <summary>
/// Slows failed sign-ins instead of locking accounts (Identity's lockout let anyone lock anyone out). Every attempt is
/// counted as a failure before the password is checked, and a success takes it back: so attempts racing in parallel
/// cannot all slip through while the slow password hash runs. Within a server the keys of one attempt are read and
/// written under a lock; across servers the state lives in the <see cref="IDistributedCache"/> (memory on one server,
/// Redis with <c>Live:Redis</c>), where two attempts within the same few milliseconds on two servers can both pass.
/// </summary>
public sealed partial class SignInThrottle(IDistributedCache cache, IOptions<AccessOptions> options, TimeProvider time, ILogger<SignInThrottle> log)
{
    private const string Prefix = "cc:signin:";
    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<SignInGate> EnterAsync(IPAddress? client, string? account, CancellationToken ct = default)
    {
        var settings = options.Value.Throttle;
        var address = AddressKey(client);
        var name = AccountKey(account);
        var keys = new (string Key, int Free, TimeSpan Cap)[]
        {
            ($"{Prefix}pair:{address}|{name}", settings.FreeFailures, settings.MaxDelay),
            ($"{Prefix}address:{address}", settings.AddressFreeFailures, settings.MaxDelay),
            ($"{Prefix}account:{name}", settings.AccountFreeFailures, settings.AccountMaxDelay),
        };

        var locks = keys.Select(k => (int)((uint)StringComparer.Ordinal.GetHashCode(k.Key) % (uint)stripes.Length)).Distinct().Order().ToList();
        foreach (var stripe in locks)
        {
            await stripes[stripe].WaitAsync(ct);
        }

        try
        {
            var now = time.GetUtcNow();
            var before = new Dictionary<string, ThrottleState>(StringComparer.Ordinal);
            foreach (var (key, _, _) in keys)
            {
                before[key] = await ReadAsync(key, now, ct);
            }

            var waitUntil = before.Values.Max(s => s.NotBeforeMs);
            if (waitUntil > now.ToUnixTimeMilliseconds())
            {
                return new SignInGate(DateTimeOffset.FromUnixTimeMilliseconds(waitUntil), before);
            }

            foreach (var (key, free, cap) in keys)
            {
                var failures = before[key].Failures + 1;
                var delay = failures < free ? TimeSpan.Zero : Delay(settings.FirstDelay, failures - free, cap);
                await WriteAsync(key, new(failures, now.ToUnixTimeMilliseconds(), (now + delay).ToUnixTimeMilliseconds()), ct);
            }

            return new SignInGate(null, before);
        }
        finally
        {
            foreach (var stripe in locks)
            {
                stripes[stripe].Release();
            }
        }
    }

    /// <summary>The password was right: the account and this address's tries on it start afresh; the address keeps its record.</summary>
    public async Task SucceededAsync(SignInGate gate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(gate);
        foreach (var (key, state) in gate.Before)
        {
            if (key.StartsWith(Prefix + "address:", StringComparison.Ordinal))
            {
                await WriteAsync(key, state, ct);
            }
            else
            {
                await RemoveAsync(key, ct);
            }
        }
    }

    /// <summary>FirstDelay · 2^n, capped.</summary>
    internal static TimeSpan Delay(TimeSpan first, int doublings, TimeSpan cap) =>
        doublings >= 30 ? cap : TimeSpan.FromTicks(Math.Min(cap.Ticks, first.Ticks * (1L << doublings)));

    /// <summary>An IPv6 client is counted by its /64: one household or server gets a whole /64 to pick addresses from.</summary>
    internal static string AddressKey(IPAddress? client)
    {
        if (client is null)
        {
            return "unknown";
        }

        if (client.IsIPv4MappedToIPv6)
        {
            return client.MapToIPv4().ToString();
        }

        if (client.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = client.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return client.ToString();
    }

    // The typed name, known account or not (so the throttle answers alike for both), hashed: no addresses in the cache.
    private static string AccountKey(string? account) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes((account ?? "").Trim().ToUpperInvariant())));

    private async Task<ThrottleState> ReadAsync(string key, DateTimeOffset now, CancellationToken ct)
    {
        byte[]? bytes;
        try
        {
            bytes = await cache.GetAsync(key, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A cache that is down must not stop people signing in; the throttle then forgets until it is back.
            LogCacheFailed(ex);
            return new(0, 0, 0);
        }

        var state = bytes is null ? null : JsonSerializer.Deserialize<ThrottleState>(bytes);
        return state is null || now.ToUnixTimeMilliseconds() - state.LastFailureMs > (long)options.Value.Throttle.ForgetAfter.TotalMilliseconds
            ? new(0, 0, 0)
            : state;
    }

    private async Task WriteAsync(string key, ThrottleState state, CancellationToken ct)
    {
        try
        {
            await cache.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(state), new DistributedCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = options.Value.Throttle.ForgetAfter,
            }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCacheFailed(ex);
        }
    }

    private async Task RemoveAsync(string key, CancellationToken ct)
    {
        try
        {
            await cache.RemoveAsync(key, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCacheFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sign-in throttle's cache failed; attempts are not slowed while it does")]
    private partial void LogCacheFailed(Exception ex);
}
