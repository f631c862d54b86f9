using CustomerCare.Web.Live;

namespace CustomerCare.Tests.Integration.Posts;

/// <summary>Records what the bus delivers on posts' topics, as an open page would receive it.</summary>
internal sealed class LiveEventRecorder(ILiveBus bus) : IDisposable
{
    private readonly List<IDisposable> subscriptions = [];

    public List<LiveEvent> Listen(params int[] postIds)
    {
        var events = new List<LiveEvent>();
        foreach (var id in postIds)
        {
            subscriptions.Add(bus.Subscribe(LiveTopics.Post(id), e =>
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
