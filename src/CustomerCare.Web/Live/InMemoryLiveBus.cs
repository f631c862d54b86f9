using System.Collections.Concurrent;

namespace CustomerCare.Web.Live;

/// <summary>
/// Delivers events to the subscribers of their topic inside this process. Publishing costs one
/// dictionary lookup plus one call per subscriber of that topic, whatever else is open, and one per subscriber of
/// every topic (<see cref="SubscribeAll"/>: a handful, not one per page).
/// </summary>
public sealed class InMemoryLiveBus(ILogger<InMemoryLiveBus> logger) : ILiveBus
{
    private const string EveryTopic = "";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, Func<LiveEvent, Task>>> topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Func<LiveEvent, Task>> everyTopic = new();
    private long nextId;

    /// <summary>Open subscriptions over all topics; tests use it to prove pages unsubscribe.</summary>
    public int SubscriptionCount => topics.Values.Sum(t => t.Count);

    /// <summary>Open subscriptions of one topic; tests use it to prove who listens where.</summary>
    public int SubscriptionCountOf(string topic) => topics.TryGetValue(topic, out var subscribers) ? subscribers.Count : 0;

    public async Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        if (!everyTopic.IsEmpty)
        {
            // First, and done before any page hears of the event: a page (or a visitor's script through the hub) that
            // asks again on it must not be answered from what they were told to forget (the visitors' page cache).
            await Task.WhenAll(everyTopic.Values.Select(handler => DeliverAsync(handler, liveEvent)));
        }

        if (topics.TryGetValue(liveEvent.Topic, out var subscribers) && !subscribers.IsEmpty)
        {
            await Task.WhenAll(subscribers.Values.Select(handler => DeliverAsync(handler, liveEvent)));
        }
    }

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(handler);
        var id = Interlocked.Increment(ref nextId);
        topics.GetOrAdd(topic, _ => new()).TryAdd(id, handler);
        return new Subscription(this, topic, id);
    }

    public IDisposable SubscribeAll(Func<LiveEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var id = Interlocked.Increment(ref nextId);
        everyTopic.TryAdd(id, handler);
        return new Subscription(this, EveryTopic, id);
    }

    // One broken subscriber (a page whose circuit just died) must not keep the event from the others.
    private async Task DeliverAsync(Func<LiveEvent, Task> handler, LiveEvent liveEvent)
    {
        try
        {
            await handler(liveEvent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "A subscriber of {Topic} failed to take {Event}.", liveEvent.Topic, liveEvent.GetType().Name);
        }
    }

    private void Unsubscribe(string topic, long id)
    {
        if (topic.Length == 0)
        {
            everyTopic.TryRemove(id, out _);
        }
        else if (topics.TryGetValue(topic, out var subscribers))
        {
            subscribers.TryRemove(id, out _);
            if (subscribers.IsEmpty)
            {
                // Removes the topic only if nobody subscribed meanwhile (value comparison on the same instance).
                topics.TryRemove(new KeyValuePair<string, ConcurrentDictionary<long, Func<LiveEvent, Task>>>(topic, subscribers));
            }
        }
    }

    private sealed class Subscription(InMemoryLiveBus bus, string topic, long id) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                bus.Unsubscribe(topic, id);
            }
        }
    }
}
