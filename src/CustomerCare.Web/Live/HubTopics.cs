using Microsoft.AspNetCore.SignalR;

namespace CustomerCare.Web.Live;

/// <summary>
/// Feeds the hub from the bus: one bus subscription per topic that any connection on this server joined,
/// forwarded to the SignalR group of that name, so a thousand connections on a thread cost one subscription
/// and one serialization per event. Groups are per server; with Redis the bus brings other servers' events
/// here, so no SignalR backplane is needed (one path, not two). State lives in this singleton and in each
/// connection's items, never in static fields. A thread's presence is not relayed as the bus carries it (user ids, names,
/// server ids): the hub watches it and sends counts only (<see cref="PresenceCount"/>).
/// </summary>
public sealed class HubTopics(ILiveBus bus, IHubContext<LiveHub> hub, PresenceService presence)
{
    private const string JoinedKey = "cc:topics";

    private readonly Lock gate = new();
    private readonly Dictionary<string, (IDisposable Subscription, int Connections, string Name)> relays = new(StringComparer.Ordinal);

    /// <summary>Topics with at least one connection on this server; tests use it to prove leaving releases them.</summary>
    public int RelayCount
    {
        get
        {
            lock (gate)
            {
                return relays.Count;
            }
        }
    }

    public Task JoinAsync(HubCallerContext connection, string topic) =>
        JoinAsync(connection, topic, () => bus.Subscribe(topic, e => hub.Clients.Group(topic).SendAsync(LiveHub.EventMethod, e.GetType().Name, e)));

    /// <summary>How many read and write the thread, now and at every change; never who, nor on which server.</summary>
    public async Task JoinPresenceAsync(HubCallerContext connection, int postId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var group = PresenceGroup(postId);
        await JoinAsync(connection, group, () => presence.Watch(postId, snapshot =>
            hub.Clients.Group(group).SendAsync(LiveHub.EventMethod, nameof(PresenceCount), PresenceCount.Of(postId, snapshot))));
        await hub.Clients.Client(connection.ConnectionId)
            .SendAsync(LiveHub.EventMethod, nameof(PresenceCount), PresenceCount.Of(postId, presence.Current(postId)));
    }

    /// <summary>The hub's group for a thread's counts (a group name, not a bus topic).</summary>
    public static string PresenceGroup(int postId) => $"presence-count:{postId}";

    private async Task JoinAsync(HubCallerContext connection, string topic, Func<IDisposable> startRelay)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var joined = Joined(connection);
        // Ten thousand visitors on one board each remember the same 31 topics: one string per topic, not per connection.
        lock (gate)
        {
            topic = relays.TryGetValue(topic, out var known) ? known.Name : topic;
        }

        lock (joined)
        {
            if (!joined.Add(topic))
            {
                return;
            }
        }

        await hub.Groups.AddToGroupAsync(connection.ConnectionId, topic);
        lock (gate)
        {
            relays[topic] = relays.TryGetValue(topic, out var relay)
                ? (relay.Subscription, relay.Connections + 1, relay.Name)
                : (startRelay(), 1, topic);
        }
    }

    public async Task LeaveAsync(HubCallerContext connection, string topic)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var joined = Joined(connection);
        lock (joined)
        {
            if (!joined.Remove(topic))
            {
                return;
            }
        }

        await hub.Groups.RemoveFromGroupAsync(connection.ConnectionId, topic);
        Release(topic);
    }

    /// <summary>A closed connection leaves SignalR's groups by itself; its relays are released here.</summary>
    public Task LeaveAllAsync(HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var joined = Joined(connection);
        string[] topics;
        lock (joined)
        {
            topics = [.. joined];
            joined.Clear();
        }

        foreach (var topic in topics)
        {
            Release(topic);
        }

        return Task.CompletedTask;
    }

    private void Release(string topic)
    {
        IDisposable? last = null;
        lock (gate)
        {
            if (relays.TryGetValue(topic, out var relay))
            {
                if (relay.Connections == 1)
                {
                    relays.Remove(topic);
                    last = relay.Subscription;
                }
                else
                {
                    relays[topic] = (relay.Subscription, relay.Connections - 1, relay.Name);
                }
            }
        }

        last?.Dispose();
    }

    private static HashSet<string> Joined(HubCallerContext connection)
    {
        lock (connection.Items)
        {
            if (connection.Items.TryGetValue(JoinedKey, out var value) && value is HashSet<string> joined)
            {
                return joined;
            }

            var created = new HashSet<string>(StringComparer.Ordinal);
            connection.Items[JoinedKey] = created;
            return created;
        }
    }
}
