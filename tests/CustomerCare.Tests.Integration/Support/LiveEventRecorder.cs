using CustomerCare.Web.Live;

namespace CustomerCare.Tests.Integration.Support;

/// <summary>Records what the bus delivers on posts' topics, as an open page would receive it.</summary>
internal sealed class LiveEventRecorder(ILiveBus bus) : IDisposable
{
    private readonly List<IDisposable> subscriptions = [];

    public List<LiveEvent> Listen(params int[] postIds) => ListenTo([.. postIds.Select(LiveTopics.Post)]);

    /// <summary>Records what arrives on any of <paramref name="topics"/> (e.g. a post's staff topic), in one list.</summary>
    public List<LiveEvent> ListenTo(params string[] topics)
    {
        var events = new List<LiveEvent>();
        foreach (var topic in topics)
        {
            subscriptions.Add(bus.Subscribe(topic, e =>
            {
                lock (events)
                {
                    events.Add(e);
                }

                return Task.CompletedTask;
            }));
        }

        return events;
    }

    public void Dispose() => subscriptions.ForEach(s => s.Dispose());
}
