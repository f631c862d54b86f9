using CustomerCare.Web.Infrastructure.Access;
using Microsoft.AspNetCore.SignalR;

namespace CustomerCare.Web.Live;

/// <summary>
/// The signed-in people connected to the hub on this server. When a person's access changes (<see cref="AccessChanged"/>
/// on their topic, from any server through the bus) their connections here are closed: rather than working out which
/// groups the new rights still allow, the client must connect again, its cookie is checked again (refused after the
/// stamp changed) and every group it asks for is decided anew by <see cref="LiveHub"/>'s rules. One bus subscription
/// per connected person, released with their last connection.
/// </summary>
public sealed partial class HubUsers(ILiveBus bus, ILogger<HubUsers> log)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (IDisposable Subscription, HashSet<HubCallerContext> Connections)> people = new(StringComparer.Ordinal);

    /// <summary>People with at least one connection here; tests use it to prove the subscriptions are released.</summary>
    public int PeopleCount
    {
        get
        {
            lock (gate)
            {
                return people.Count;
            }
        }
    }

    public void Connected(HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.UserIdentifier is not { } userId)
        {
            return;
        }

        lock (gate)
        {
            if (people.TryGetValue(userId, out var person))
            {
                person.Connections.Add(connection);
                return;
            }

            var subscription = bus.Subscribe(LiveTopics.User(userId), e => e is AccessChanged ? CloseAllAsync(userId) : Task.CompletedTask);
            people[userId] = (subscription, [connection]);
        }
    }

    public void Disconnected(HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.UserIdentifier is not { } userId)
        {
            return;
        }

        IDisposable? last = null;
        lock (gate)
        {
            if (people.TryGetValue(userId, out var person) && person.Connections.Remove(connection) && person.Connections.Count == 0)
            {
                people.Remove(userId);
                last = person.Subscription;
            }
        }

        last?.Dispose();
    }

    private Task CloseAllAsync(string userId)
    {
        HubCallerContext[] connections;
        lock (gate)
        {
            connections = people.TryGetValue(userId, out var person) ? [.. person.Connections] : [];
        }

        foreach (var connection in connections)
        {
            connection.Abort();
        }

        if (connections.Length > 0)
        {
            LogClosed(userId, connections.Length);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access of {UserId} changed: closed their {Count} hub connection(s) on this server")]
    private partial void LogClosed(string userId, int count);
}
