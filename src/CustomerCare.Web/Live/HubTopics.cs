using Microsoft.AspNetCore.SignalR;

namespace CustomerCare.Web.Live;

/// <summary>
/// Feeds the hub from the bus: one bus subscription per topic that any connection on this server joined,
/// forwarded to the SignalR group of that name, so a thousand connections on a thread cost one subscription
/// and one serialization per event. Groups are per server; with Redis the bus brings other servers' events
/// here, so no SignalR backplane is needed (one path, not two). State lives in this singleton and in each
/// connection's items, never in static fields.
/// </summary>
public sealed class HubTopics(ILiveBus bus, IHubContext<LiveHub> hub)
{
    private const string JoinedKey = "cc:topics";

    private readonly Lock gate = new();
    private readonly Dictionary<string, (IDisposable Subscription, int Connections)> relays = new(StringComparer.Ordinal);

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

    public async Task JoinAsync(HubCallerContext connection, string topic)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var joined = Joined(connection);
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
                ? (relay.Subscription, relay.Connections + 1)
                : (bus.Subscribe(topic, e => hub.Clients.Group(topic).SendAsync(LiveHub.EventMethod, e.GetType().Name, e)), 1);
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
                    relays[topic] = (relay.Subscription, relay.Connections - 1);
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
