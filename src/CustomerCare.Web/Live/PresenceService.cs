namespace CustomerCare.Web.Live;

/// <summary>
/// "3 people here" and "Anna (Customer Care) is typing…" for threads, across servers. Each server knows
/// its own visitors; it announces them on the bus when they change and every <see cref="Heartbeat"/>, and
/// adds up what the other servers announced, forgetting a server silent for <see cref="ServerTimeout"/>.
/// Typing is an event too, cleared by "stopped" or after <see cref="TypingTimeout"/> without news.
/// Only posts someone on this server looks at (or a hub connection watches) are tracked; the bus carries everything, so
/// with Redis configured it works across servers with no extra path. Names of who writes reach signed-in readers only.
/// </summary>
public sealed class PresenceService(ILiveBus bus, TimeProvider time, ILogger<PresenceService> logger) : BackgroundService
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(45);
    public static readonly TimeSpan TypingTimeout = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(2);

    private readonly Lock gate = new();
    private readonly Dictionary<int, PostPresence> posts = [];
    private long nextListenerId;

    /// <summary>
    /// This process among the servers, random: it travels on the bus (and Redis) and must not tell anyone the host name or
    /// process id. Tests make two services on one bus to play two servers.
    /// </summary>
    public string ServerId { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Someone opened a thread: they count as present until the returned handle is disposed, and
    /// <paramref name="onChange"/> hears every change of who else is here or typing.
    /// </summary>
    public IDisposable Enter(int postId, PresencePerson person, bool worksHere, Func<PresenceSnapshot, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(onChange);
        return Add(postId, new PresenceListener(person, worksHere, SeesNames: !person.IsVisitor, onChange));
    }

    /// <summary>
    /// Follows a thread without being on it (the public hub for its connections): <paramref name="onChange"/> hears how many
    /// are there and write, never who.
    /// </summary>
    public IDisposable Watch(int postId, Func<PresenceSnapshot, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        return Add(postId, PresenceListener.Watcher(onChange));
    }

    /// <summary>How many are on the thread and write, as a watcher sees it now (nobody when this server does not track it).</summary>
    public PresenceSnapshot Current(int postId)
    {
        lock (gate)
        {
            return posts.TryGetValue(postId, out var post)
                ? post.SnapshotFor(PresenceListener.Watcher(_ => Task.CompletedTask), post.PeopleHere())
                : PresenceSnapshot.Nobody;
        }
    }

    private Leaving Add(int postId, PresenceListener listener)
    {
        var id = Interlocked.Increment(ref nextListenerId);
        lock (gate)
        {
            if (!posts.TryGetValue(postId, out var post))
            {
                post = new PostPresence();
                posts[postId] = post;
                post.Subscriptions.Add(bus.Subscribe(PresenceTopics.Public(postId), OnEventAsync));
                post.Subscriptions.Add(bus.Subscribe(PresenceTopics.Staff(postId), OnEventAsync));
            }

            post.Listeners[id] = listener;
        }

        _ = AnnounceAndNotifyAsync(postId);
        return new Leaving(this, postId, id);
    }

    /// <summary>Tells the thread's other readers that <paramref name="person"/> writes (or stopped).</summary>
    public Task TypingAsync(int postId, PresencePerson person, bool typing, bool internalNote, CancellationToken ct = default) =>
        bus.PublishAsync(new TypingChanged(postId, person, typing, internalNote, Now), ct);

    /// <summary>Drops silent servers and stale typing, and repeats this server's announcement when due.</summary>
    public async Task SweepAsync()
    {
        var now = Now;
        List<int> changed = [];
        List<int> due = [];
        lock (gate)
        {
            foreach (var (postId, post) in posts)
            {
                var silent = post.Remote.Where(r => now - r.Value.Seen > ServerTimeout).Select(r => r.Key).ToList();
                var stale = post.Typing.Where(t => t.Value.Until <= now).Select(t => t.Key).ToList();
                silent.ForEach(s => post.Remote.Remove(s));
                stale.ForEach(t => post.Typing.Remove(t));
                if (silent.Count > 0 || stale.Count > 0)
                {
                    changed.Add(postId);
                }

                if (now - post.LastAnnounced >= Heartbeat)
                {
                    due.Add(postId);
                }
            }
        }

        foreach (var postId in due)
        {
            await AnnounceAsync(postId);
        }

        foreach (var postId in changed)
        {
            await NotifyAsync(postId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Presence sweep failed; it runs again in {Interval}.", SweepEvery);
            }
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task OnEventAsync(LiveEvent liveEvent)
    {
        int postId;
        var answer = false;
        lock (gate)
        {
            switch (liveEvent)
            {
                case PresenceAnnounced announced when announced.ServerId != ServerId && posts.TryGetValue(announced.PostId, out var post):
                    // A server we did not know yet has not heard us either: answer it once.
                    answer = !post.Remote.ContainsKey(announced.ServerId);
                    post.Remote[announced.ServerId] = (announced.PersonKeys.ToHashSet(StringComparer.Ordinal), Now);
                    postId = announced.PostId;
                    break;
                case TypingChanged typing when posts.TryGetValue(typing.PostId, out var post):
                    if (typing.IsTyping)
                    {
                        post.Typing[typing.Person.Key] = (typing.Person, typing.InternalNote, Now + TypingTimeout);
                    }
                    else
                    {
                        post.Typing.Remove(typing.Person.Key);
                    }

                    postId = typing.PostId;
                    break;
                default:
                    return;
            }
        }

        if (answer)
        {
            await AnnounceAsync(postId);
        }

        await NotifyAsync(postId);
    }

    private async Task AnnounceAndNotifyAsync(int postId)
    {
        try
        {
            await AnnounceAsync(postId);
            await NotifyAsync(postId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Could not announce who is on post {PostId}.", postId);
        }
    }

    private async Task AnnounceAsync(int postId)
    {
        string[] keys;
        lock (gate)
        {
            if (!posts.TryGetValue(postId, out var post))
            {
                return;
            }

            post.LastAnnounced = Now;
            keys = [.. post.Listeners.Values.Where(l => l.Person is not null).Select(l => l.Person!.Key).Distinct(StringComparer.Ordinal)];
        }

        await bus.PublishAsync(new PresenceAnnounced(postId, ServerId, keys, Now));
    }

    private async Task NotifyAsync(int postId)
    {
        List<(Func<PresenceSnapshot, Task> OnChange, PresenceSnapshot Snapshot)> deliveries;
        lock (gate)
        {
            if (!posts.TryGetValue(postId, out var post))
            {
                return;
            }

            var here = post.PeopleHere();
            deliveries = [.. post.Listeners.Values.Select(l => (l.OnChange, post.SnapshotFor(l, here)))];
        }

        foreach (var (onChange, snapshot) in deliveries)
        {
            try
            {
                await onChange(snapshot);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "A page could not take the presence of post {PostId}.", postId);
            }
        }
    }

    private void Leave(int postId, long listenerId)
    {
        List<IDisposable> unsubscribe = [];
        lock (gate)
        {
            if (!posts.TryGetValue(postId, out var post) || !post.Listeners.Remove(listenerId))
            {
                return;
            }

            if (post.Listeners.Count == 0)
            {
                posts.Remove(postId);
                unsubscribe = post.Subscriptions;
            }
        }

        unsubscribe.ForEach(s => s.Dispose());
        _ = AnnounceLeavingAsync(postId, unsubscribe.Count > 0);
    }

    // When the last local reader left, the post is no longer tracked: say "nobody here" once for the others.
    private async Task AnnounceLeavingAsync(int postId, bool lastOneLeft)
    {
        try
        {
            if (lastOneLeft)
            {
                await bus.PublishAsync(new PresenceAnnounced(postId, ServerId, [], Now));
            }
            else
            {
                await AnnounceAsync(postId);
                await NotifyAsync(postId);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Could not announce who left post {PostId}.", postId);
        }
    }

    private sealed class Leaving(PresenceService presence, int postId, long listenerId) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                presence.Leave(postId, listenerId);
            }
        }
    }
}
