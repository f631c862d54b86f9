using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Benchmarks.FanOut;

/// <summary>
/// The portal's bus with a stopwatch on it: the moment a <see cref="ReplyAdded"/> is published is the moment the
/// reply is saved (ThreadService publishes right after its transaction commits), so "saved → received" is
/// timed from there, the way the bare broadcast is timed from its send. The same for a <see cref="VoteCountChanged"/>
/// (VoteService publishes it right after its commit; the visitors suite). Everything else passes straight through.
/// </summary>
public sealed class SavedClock(ILiveBus inner) : ILiveBus
{
    /// <summary>Called with each ReplyAdded as it is published, before any subscriber sees it.</summary>
    public Action? ReplySaved { get; set; }

    /// <summary>Called with each VoteCountChanged as it is published, before any subscriber sees it.</summary>
    public Action? VoteSaved { get; set; }

    public Task PublishAsync(LiveEvent liveEvent, CancellationToken ct = default)
    {
        if (liveEvent is ReplyAdded)
        {
            ReplySaved?.Invoke();
        }
        else if (liveEvent is VoteCountChanged)
        {
            VoteSaved?.Invoke();
        }

        return inner.PublishAsync(liveEvent, ct);
    }

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler) => inner.Subscribe(topic, handler);

    /// <summary>Wraps the bus the portal registered (in-memory or Redis) for every service that asks for ILiveBus.</summary>
    public static void Install(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(ILiveBus));
        services.Remove(original);
        services.AddSingleton(sp => new SavedClock(original.ImplementationFactory is { } make ? (ILiveBus)make(sp)
            : (ILiveBus)ActivatorUtilities.GetServiceOrCreateInstance(sp, original.ImplementationType!)));
        services.AddSingleton<ILiveBus>(sp => sp.GetRequiredService<SavedClock>());
    }
}
