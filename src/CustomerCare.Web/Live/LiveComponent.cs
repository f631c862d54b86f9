using Microsoft.AspNetCore.Components;

namespace CustomerCare.Web.Live;

/// <summary>
/// A component that shows one topic of the bus live (or a few). It subscribes only after rendering (prerendering has
/// no circuit to update), follows the topic when parameters change it (a page navigated to another post),
/// delivers each event on the circuit's dispatcher with exceptions handed to the error boundary, and
/// unsubscribes when the component goes away.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private readonly Dictionary<string, IDisposable> subscriptions = new(StringComparer.Ordinal);

    [Inject]
    private ILiveBus Bus { get; set; } = default!;

    /// <summary>The topic this component shows now; null for none.</summary>
    protected abstract string? LiveTopic { get; }

    /// <summary>
    /// Every topic this component shows now; <see cref="LiveTopic"/> alone unless overridden (staff read a
    /// post's public and staff topics). Topics that stay are not re-subscribed, so nothing is missed meanwhile.
    /// </summary>
    protected virtual IReadOnlyCollection<string> LiveTopicSet => LiveTopic is { } topic ? [topic] : [];

    /// <summary>Runs on the component's dispatcher: update state and call StateHasChanged as needed.</summary>
    protected abstract Task OnLiveEventAsync(LiveEvent liveEvent);

    protected override void OnAfterRender(bool firstRender)
    {
        var topics = LiveTopicSet;
        foreach (var gone in subscriptions.Keys.Where(t => !topics.Contains(t)).ToList())
        {
            subscriptions.Remove(gone, out var subscription);
            subscription!.Dispose();
        }

        foreach (var topic in topics.Where(t => !subscriptions.ContainsKey(t)))
        {
            subscriptions[topic] = Bus.Subscribe(topic, DeliverAsync);
        }
    }

    private async Task DeliverAsync(LiveEvent liveEvent)
    {
        try
        {
            await InvokeAsync(() => OnLiveEventAsync(liveEvent));
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var subscription in subscriptions.Values)
            {
                subscription.Dispose();
            }

            subscriptions.Clear();
        }
    }
}
