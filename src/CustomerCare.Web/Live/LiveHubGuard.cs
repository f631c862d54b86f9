using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace CustomerCare.Web.Live;

/// <summary>
/// Keeps one connection of the public hub from costing the others (issue 23: thousands of anonymous visitors on an outage
/// day). Each connection's calls are counted in a token bucket of <see cref="Burst"/> refilled at <see cref="CallsPerSecond"/>,
/// and its refused calls (a <see cref="HubException"/>: ids it may not see, too many ids) in a bucket of
/// <see cref="Refusals"/> refilled one per <see cref="RefusalRefill"/>; a call that finds either empty closes that
/// connection, and only that one: its groups are left as at any disconnect, everyone else's events go on. A message
/// the protocol cannot read or one over <see cref="MessageLimit"/> makes SignalR close the connection itself; this filter
/// tells the operator about it the same way. Each close is logged once at Information with the client's address and
/// counted (<see cref="CareMetrics.HubConnectionClosed"/>). State lives in the connection's items, never in this
/// singleton.
/// </summary>
public sealed partial class LiveHubGuard(TimeProvider time, CareMetrics metrics, ILogger<LiveHubGuard> log) : IHubFilter
{
    /// <summary>
    /// The largest message the hub reads. The largest a client sends on purpose is <c>WatchPosts</c> of
    /// <see cref="LiveHub.MaxWatched"/> ids of ten digits: 627 bytes as JSON with a ten-digit invocation id
    /// (<c>LiveHubGuardTests</c> measures it). 4 KiB leaves six times that; SignalR's default is 32 KiB.
    /// </summary>
    public const long MessageLimit = 4 * 1024;

    /// <summary>
    /// Calls a connection may make at once. A page makes two when it connects (<c>JoinBoard</c>, <c>WatchPosts</c>; a
    /// reconnect is a new connection with a full bucket) and one more per change of its list; twenty is ten pages' start.
    /// </summary>
    public const int Burst = 20;

    /// <summary>
    /// Calls a connection may keep making per second. A list changes when people act (a status, a merge, an edit), so a page
    /// calls far less than once a second; five a second lets a page follow a storm of changes, while a script calling as fast
    /// as its round trip allows hits the limit within seconds. The costliest call (<c>WatchPosts</c>) is one indexed query.
    /// </summary>
    public const double CallsPerSecond = 5;

    /// <summary>Refused calls at once: the fifth in quick succession closes the connection.</summary>
    public const int Refusals = 4;

    /// <summary>One refusal is forgiven per this time (four a minute): a page meets a refusal only in a race with a removal.</summary>
    public static readonly TimeSpan RefusalRefill = TimeSpan.FromSeconds(15);

    private const string StateKey = "cc:guard";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var connection = invocationContext.Context;
        var allowance = Allowance(connection);
        if (!allowance.TryCall(time.GetUtcNow()))
        {
            Close(connection, allowance, ClosedFor.Flood);
            throw new HubException("Too many calls: this connection is closed.");
        }

        try
        {
            return await next(invocationContext);
        }
        catch (HubException)
        {
            if (!allowance.TryRefuse(time.GetUtcNow()))
            {
                Close(connection, allowance, ClosedFor.Refusals);
            }

            throw;
        }
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.Context.Items[StateKey] = new ConnectionAllowance(time.GetUtcNow());
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // SignalR ends a connection with InvalidDataException for a message it cannot parse or one over the limit (and
        // closes it itself); any other ending (the visitor left, a network fault, our own abort) is nobody's junk.
        if (exception is InvalidDataException)
        {
            Close(context.Context, Allowance(context.Context), ClosedFor.Junk);
        }

        return next(context, exception);
    }

    private void Close(HubCallerContext connection, ConnectionAllowance allowance, ClosedFor reason)
    {
        if (!allowance.MarkClosed())
        {
            return;
        }

        var reasonName = reason.ToString().ToLowerInvariant();
        var address = RequestRateLimits.ClientAddress(connection.GetHttpContext()?.Connection.RemoteIpAddress);
        LogClosed(address, reasonName, connection.ConnectionId);
        metrics.HubConnectionClosed(reasonName);
        connection.Abort();
    }

    // Made in OnConnectedAsync, before any call of the connection can arrive; a missing one would be a fresh allowance.
    private ConnectionAllowance Allowance(HubCallerContext connection) =>
        connection.Items.TryGetValue(StateKey, out var value) && value is ConnectionAllowance allowance
            ? allowance
            : new ConnectionAllowance(time.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed a live hub connection from {Address} ({Reason}), connection {ConnectionId}")]
    private partial void LogClosed(string address, string reason, string connectionId);

    private enum ClosedFor
    {
        Flood,
        Refusals,
        Junk,
    }

    private sealed class ConnectionAllowance(DateTimeOffset now)
    {
        private readonly Lock gate = new();
        private TokenBucket calls = new(Burst, CallsPerSecond, now);
        private TokenBucket refusals = new(Refusals, 1 / RefusalRefill.TotalSeconds, now);
        private bool closed;

        public bool TryCall(DateTimeOffset at)
        {
            lock (gate)
            {
                return !closed && calls.TryTake(at);
            }
        }

        public bool TryRefuse(DateTimeOffset at)
        {
            lock (gate)
            {
                return refusals.TryTake(at);
            }
        }

        /// <summary>True the first time only: a connection is logged and counted once, whatever else it still sends.</summary>
        public bool MarkClosed()
        {
            lock (gate)
            {
                var first = !closed;
                closed = true;
                return first;
            }
        }
    }

    private struct TokenBucket(int capacity, double perSecond, DateTimeOffset now)
    {
        private double tokens = capacity;
        private DateTimeOffset filledAt = now;

        public bool TryTake(DateTimeOffset at)
        {
            // A clock set back refills nothing (and takes nothing away).
            var elapsed = Math.Max(0, (at - filledAt).TotalSeconds);
            tokens = Math.Min(capacity, tokens + (elapsed * perSecond));
            filledAt = at > filledAt ? at : filledAt;
            if (tokens < 1)
            {
                return false;
            }

            tokens--;
            return true;
        }
    }
}
