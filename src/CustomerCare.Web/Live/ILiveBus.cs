namespace CustomerCare.Web.Live;

/// <summary>
/// The product's one event bus. Services publish after they saved; components and the hub subscribe
/// to the topics they show. In-process today; a Redis implementation carries the same events between
/// servers when configured.
/// </summary>
public interface ILiveBus
{
    Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default);

    /// <summary>Returns the subscription; dispose it when the page or connection goes away.</summary>
    IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler);

    /// <summary>
    /// Every event of every topic, as this server receives it (with Redis: every server's), handed to these handlers and
    /// finished before the topic's own subscribers hear of it. For what follows all events, such as the visitors' page
    /// cache, which must have forgotten a page before anyone told of the change asks for it again; never for a page or a
    /// hub connection, which see only their topics.
    /// </summary>
    IDisposable SubscribeAll(Func<LiveEvent, Task> handler);
}
