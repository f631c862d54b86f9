using CustomerCare.Tests.Support;
using CustomerCare.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>
/// Who is on a thread and who is typing, across servers. Two presence services on one bus play two servers
/// (each announces under its own server id); a hand-moved clock drives heartbeats and time-outs.
/// </summary>
public sealed class PresenceTests : IDisposable
{
    private const int PostId = 42;

    private static readonly PresencePerson Anna = new("anna", "Anna Berger", "Customer Care", WorksHere: true);
    private static readonly PresencePerson Carl = new("carl", "Carl Kunde");
    private static readonly PresencePerson Dora = new("dora", "Dora Demir");

    private readonly InMemoryLiveBus bus = new(NullLogger<InMemoryLiveBus>.Instance);
    private readonly ManualTime clock = new(new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc));
    private readonly PresenceService serverA;
    private readonly PresenceService serverB;
    private readonly List<IDisposable> handles = [];

    public PresenceTests()
    {
        serverA = new(bus, clock, NullLogger<PresenceService>.Instance) { ServerId = "A" };
        serverB = new(bus, clock, NullLogger<PresenceService>.Instance) { ServerId = "B" };
    }

    public void Dispose()
    {
        handles.ForEach(h => h.Dispose());
        serverA.Dispose();
        serverB.Dispose();
    }

    [Fact]
    public async Task People_on_two_servers_see_each_other_and_the_count_drops_when_one_leaves()
    {
        var carl = Enter(serverA, Carl);
        var anna = Enter(serverB, Anna, worksHere: true);
        var dora = Enter(serverB, Dora);

        await Eventually(() => Assert.Equal(2, carl.Latest.Others));
        await Eventually(() => Assert.Equal(2, anna.Latest.Others));

        dora.Handle.Dispose();

        await Eventually(() => Assert.Equal(1, carl.Latest.Others));
        await Eventually(() => Assert.Equal(1, anna.Latest.Others));
    }

    [Fact]
    public async Task The_same_person_in_two_tabs_counts_once()
    {
        var carl = Enter(serverA, Carl);
        Enter(serverA, Anna, worksHere: true);
        Enter(serverB, Anna, worksHere: true);

        await Eventually(() => Assert.Equal(1, carl.Latest.Others));
    }

    [Fact]
    public async Task Typing_shows_for_the_others_not_for_the_writer_and_clears_when_they_stop()
    {
        var carl = Enter(serverA, Carl);
        var anna = Enter(serverB, Anna, worksHere: true);

        await serverB.TypingAsync(PostId, Anna, typing: true, internalNote: false, TestContext.Current.CancellationToken);

        await Eventually(() => Assert.Equal([Anna], carl.Latest.Typing));
        Assert.Empty(anna.Latest.Typing);

        await serverB.TypingAsync(PostId, Anna, typing: false, internalNote: false, TestContext.Current.CancellationToken);

        await Eventually(() => Assert.Empty(carl.Latest.Typing));
    }

    [Fact]
    public async Task Typing_clears_by_itself_when_the_writer_goes_silent()
    {
        var carl = Enter(serverA, Carl);
        await serverB.TypingAsync(PostId, Anna, typing: true, internalNote: false, TestContext.Current.CancellationToken);
        await Eventually(() => Assert.Single(carl.Latest.Typing));

        clock.Advance(PresenceService.TypingTimeout + TimeSpan.FromSeconds(1));
        await serverA.SweepAsync();

        Assert.Empty(carl.Latest.Typing);
    }

    [Fact]
    public async Task Writing_an_internal_note_is_shown_to_staff_only()
    {
        var carl = Enter(serverA, Carl);
        var colleague = Enter(serverA, new("ben", "Ben Staff", "Billing", WorksHere: true), worksHere: true);

        await serverB.TypingAsync(PostId, Anna, typing: true, internalNote: true, TestContext.Current.CancellationToken);

        await Eventually(() => Assert.Equal([Anna], colleague.Latest.Typing));
        Assert.DoesNotContain(carl.Snapshots, s => s.Typing.Count > 0 || s.TypingCount > 0);
    }

    [Fact]
    public async Task A_visitor_learns_that_someone_writes_but_not_who()
    {
        var visitor = Enter(serverA, new($"{PresencePerson.VisitorPrefix}1", "Visitor"));
        Enter(serverB, Anna, worksHere: true);

        await serverB.TypingAsync(PostId, Anna, typing: true, internalNote: false, TestContext.Current.CancellationToken);

        await Eventually(() => Assert.Equal(1, visitor.Latest.TypingCount));
        Assert.Equal(1, visitor.Latest.Others);
        Assert.DoesNotContain(visitor.Snapshots, s => s.Typing.Count > 0);
    }

    [Fact]
    public async Task A_watcher_counts_readers_and_writers_on_every_server_and_is_not_counted_itself()
    {
        var carl = Enter(serverA, Carl);
        Enter(serverB, Anna, worksHere: true);
        var watcher = new Listener();
        watcher.Handle = serverB.Watch(PostId, snapshot =>
        {
            lock (watcher.Snapshots)
            {
                watcher.Snapshots.Add(snapshot);
            }

            return Task.CompletedTask;
        });
        handles.Add(watcher.Handle);

        await serverA.TypingAsync(PostId, Carl, typing: true, internalNote: false, TestContext.Current.CancellationToken);

        await Eventually(() => Assert.Equal((2, 1), (watcher.Latest.Others, watcher.Latest.TypingCount)));
        Assert.Equal((2, 1), (serverB.Current(PostId).Others, serverB.Current(PostId).TypingCount));
        Assert.Equal(1, carl.Latest.Others);
        Assert.DoesNotContain(watcher.Snapshots, s => s.Typing.Count > 0);
    }

    [Fact]
    public async Task A_server_that_stops_announcing_is_forgotten_and_a_heartbeat_keeps_one_alive()
    {
        var carl = Enter(serverA, Carl);
        Enter(serverB, Anna, worksHere: true);
        await Eventually(() => Assert.Equal(1, carl.Latest.Others));

        // B keeps beating within the time-out: Anna stays.
        clock.Advance(PresenceService.Heartbeat);
        await serverB.SweepAsync();
        clock.Advance(PresenceService.ServerTimeout - PresenceService.Heartbeat + TimeSpan.FromSeconds(5));
        await serverA.SweepAsync();
        Assert.Equal(1, carl.Latest.Others);

        // B falls silent (the process died): A forgets Anna after the time-out.
        clock.Advance(PresenceService.ServerTimeout);
        await serverA.SweepAsync();
        Assert.Equal(0, carl.Latest.Others);
    }

    [Fact]
    public async Task When_the_last_reader_leaves_a_server_lets_go_of_the_post()
    {
        var before = bus.SubscriptionCount;
        var carl = Enter(serverA, Carl);
        Assert.True(bus.SubscriptionCount > before);

        carl.Handle.Dispose();

        Assert.Equal(before, bus.SubscriptionCount);
        await Task.CompletedTask;
    }

    private Listener Enter(PresenceService server, PresencePerson person, bool worksHere = false)
    {
        var listener = new Listener();
        listener.Handle = server.Enter(PostId, person, worksHere, snapshot =>
        {
            lock (listener.Snapshots)
            {
                listener.Snapshots.Add(snapshot);
            }

            return Task.CompletedTask;
        });
        handles.Add(listener.Handle);
        return listener;
    }

    // Announcements go out on the bus from a fire-and-forget task; wait for them, boundedly.
    private static async Task Eventually(Action assertion)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Wait;
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }
    }

    private sealed class Listener
    {
        public List<PresenceSnapshot> Snapshots { get; } = [];

        public IDisposable Handle { get; set; } = default!;

        public PresenceSnapshot Latest
        {
            get
            {
                lock (Snapshots)
                {
                    return Snapshots.Count == 0 ? PresenceSnapshot.Nobody : Snapshots[^1];
                }
            }
        }
    }

}
