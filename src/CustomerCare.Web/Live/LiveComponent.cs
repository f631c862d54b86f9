using Microsoft.AspNetCore.Components;

namespace CustomerCare.Web.Live;

/// <summary>
/// A component that shows one topic of the bus live (or a few). It subscribes only after rendering (prerendering has
/// no circuit to update), follows the topic when parameters change it (a page navigated to another post),
/// delivers each event on the circuit's dispatcher in the order it was published, without making the publisher
/// wait for the render, with exceptions handed to the error boundary, and
/// unsubscribes when the component goes away.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private readonly Dictionary<string, IDisposable> subscriptions = new(StringComparer.Ordinal);
    private readonly Lock deliveries = new();
    private Task delivery = Task.CompletedTask;
    private volatile bool disposed;

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

    /// <summary>Completes when every event handed to this component so far has been taken or dropped (tests).</summary>
    internal Task DeliveredSoFar
    {
        get
        {
            lock (deliveries)
            {
                return delivery;
            }
        }
    }

    // The publisher (a service answering the person who just replied or voted) hands the event over and goes on:
    // it must neither wait for every open page to render it nor render them on its own thread, one after the
    // other (the circuit's dispatcher runs work inline when it is idle). Each component takes its events on the
    // thread pool, in the order they were published (one chain per component), so pages render in parallel.
    private Task DeliverAsync(LiveEvent liveEvent)
    {
        lock (deliveries)
        {
            if (!disposed)
            {
                delivery = delivery.ContinueWith(_ => DeliverNowAsync(liveEvent), CancellationToken.None,
                    TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
            }
        }

        return Task.CompletedTask;
    }

    private async Task DeliverNowAsync(LiveEvent liveEvent)
    {
        if (disposed)
        {
            return;
        }

        try
        {
            await InvokeAsync(() => OnLiveEventAsync(liveEvent));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            try
            {
                await DispatchExceptionAsync(ex);
            }
            catch (Exception gone) when (gone is not OutOfMemoryException)
            {
                // The circuit went away while the event was on its way; nobody is left to show it to.
            }
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
            lock (deliveries)
            {
                disposed = true;
            }

            foreach (var subscription in subscriptions.Values)
            {
                subscription.Dispose();
            }

            subscriptions.Clear();
        }
    }
}
