namespace CustomerCare.Web.Live;

/// <summary>
/// One thread as one server's <see cref="PresenceService"/> knows it: its listeners here, the other servers' people, who
/// writes. Guarded by the service's lock.
/// </summary>
internal sealed class PostPresence
{
    public Dictionary<long, PresenceListener> Listeners { get; } = [];

    public Dictionary<string, (HashSet<string> Keys, DateTime Seen)> Remote { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (PresencePerson Person, bool InternalNote, DateTime Until)> Typing { get; } = new(StringComparer.Ordinal);

    public List<IDisposable> Subscriptions { get; } = [];

    public DateTime LastAnnounced { get; set; }

    /// <summary>Everyone on the thread, on every server, by key: two tabs of one person count once.</summary>
    public HashSet<string> PeopleHere() =>
        Listeners.Values.Where(l => l.Person is not null).Select(l => l.Person!.Key)
            .Concat(Remote.Values.SelectMany(r => r.Keys))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The others and who of them write, as <paramref name="listener"/> may see them: writing an internal note only for
    /// people who work here, names only for signed-in readers.
    /// </summary>
    public PresenceSnapshot SnapshotFor(PresenceListener listener, HashSet<string> here)
    {
        var me = listener.Person?.Key;
        var typing = Typing.Values
            .Where(t => t.Person.Key != me && (listener.WorksHere || !t.InternalNote))
            .Select(t => t.Person)
            .ToList();
        return new PresenceSnapshot(
            here.Count - (me is not null && here.Contains(me) ? 1 : 0),
            listener.SeesNames ? [.. typing.OrderBy(p => p.Name, StringComparer.CurrentCulture)] : [],
            typing.Count);
    }
}

/// <summary>A reader of a thread on this server (<see cref="Person"/> set), or a watcher that is no reader: the public hub.</summary>
internal sealed record PresenceListener(PresencePerson? Person, bool WorksHere, bool SeesNames, Func<PresenceSnapshot, Task> OnChange)
{
    public static PresenceListener Watcher(Func<PresenceSnapshot, Task> onChange) => new(null, WorksHere: false, SeesNames: false, onChange);
}
