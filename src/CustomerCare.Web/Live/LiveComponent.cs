using Microsoft.AspNetCore.Components;

namespace CustomerCare.Web.Live;

/// <summary>
/// A component that shows one topic of the bus live. It subscribes only after rendering (prerendering has
/// no circuit to update), follows the topic when parameters change it (a page navigated to another post),
/// delivers each event on the circuit's dispatcher with exceptions handed to the error boundary, and
/// unsubscribes when the component goes away.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private IDisposable? subscription;
    private string? subscribedTopic;

    [Inject]
    private ILiveBus Bus { get; set; } = default!;

    /// <summary>The topic this component shows now; null for none.</summary>
    protected abstract string? LiveTopic { get; }

    /// <summary>Runs on the component's dispatcher: update state and call StateHasChanged as needed.</summary>
    protected abstract Task OnLiveEventAsync(LiveEvent liveEvent);

    protected override void OnAfterRender(bool firstRender)
    {
        var topic = LiveTopic;
        if (topic == subscribedTopic)
        {
            return;
        }

        subscription?.Dispose();
        subscription = topic is null ? null : Bus.Subscribe(topic, DeliverAsync);
        subscribedTopic = topic;
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
            subscription?.Dispose();
            subscription = null;
        }
    }
}
