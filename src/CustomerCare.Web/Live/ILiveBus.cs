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
    /// Every event of every topic, as this server receives it (with Redis: every server's). For what follows all of them,
    /// such as the visitors' page cache; never for a page or a hub connection, which see only their topics.
    /// </summary>
    IDisposable SubscribeAll(Func<LiveEvent, Task> handler);
}
