using System.Diagnostics;
using System.Globalization;
using CustomerCare.Benchmarks.FanOut;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Benchmarks.Visitors;

/// <summary>
/// Item 4's delivery figure, as FanOutSuite times a reply: a customer's vote toggled through VoteService (what the vote
/// button calls), timed from the moment its VoteCountChanged is published after the commit (<see cref="SavedClock"/>) to
/// the moment each visitor's connection, in the visitors' process, receives it. Beside it the bare broadcast: the same
/// event sent by SignalR alone (IHubContext, Clients.All: no vote, no bus, no topic, no group) to the same connections,
/// timed from its send. Rounds alternate between the two, so both see the same load and the same N connections; only the
/// portal's path differs. (FanOutSuite's reference is a second set of connections to <see cref="BareHub"/>; here that
/// would need 2 × 10,000 sockets in each process, and this machine's open-files limit is 20,000.) Both processes stamp
/// with Stopwatch (CLOCK_MONOTONIC), one clock on one machine. Every connection must receive every round's event; a
/// missing one fails the run.
/// </summary>
public sealed class VoteRounds(IServiceProvider services, VisitorClients clients, int postId, Viewer voter)
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(60);

    public Latency Live { get; } = new();

    public Latency Bare { get; } = new();

    public Latency Toggle { get; } = new();

    /// <summary>Each counted round's last arrival: the receipts of one round move together, so these tell one slow round from a slow path.</summary>
    public Latency LiveLast { get; } = new();

    /// <summary>The same for the bare broadcast's rounds.</summary>
    public Latency BareLast { get; } = new();

    /// <summary>Toggles until one changes the count: finds an idea of the ids that is open to votes, else fails.</summary>
    public static async Task<int> VotableAsync(IServiceProvider services, IEnumerable<int> ids, Viewer voter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(ids);
        var votes = services.GetRequiredService<VoteService>();
        foreach (var id in ids)
        {
            if ((await votes.ToggleAsync(id, voter, ct)).Changed)
            {
                return id;
            }
        }

        throw new BenchmarkCheckException("No idea on the board's first page takes votes.");
    }

    /// <summary>Round -1 warms both paths up and is not counted.</summary>
    public async Task RunAsync(int rounds, CancellationToken ct)
    {
        var votes = services.GetRequiredService<VoteService>();
        var clock = services.GetRequiredService<SavedClock>();
        var hub = services.GetRequiredService<IHubContext<LiveHub>>();
        long saved = 0;
        clock.VoteSaved = () => Volatile.Write(ref saved, Stopwatch.GetTimestamp());
        try
        {
            for (var round = -1; round < rounds; round++)
            {
                var count = round >= 0;
                VoteCountChanged? sent = null;
                await RoundAsync(count ? Live : null, count ? LiveLast : null, async () =>
                {
                    var start = Stopwatch.GetTimestamp();
                    Volatile.Write(ref saved, 0);
                    var result = await votes.ToggleAsync(postId, voter, ct);
                    Toggle.Add(Stopwatch.GetElapsedTime(start));
                    if (!result.Changed)
                    {
                        throw new BenchmarkCheckException($"The vote on idea {postId} was not counted ({result.Outcome}).");
                    }

                    sent = new VoteCountChanged(postId, result.VoteCount, DateTime.UtcNow);
                    return Volatile.Read(ref saved) is var at and not 0 ? at
                        : throw new BenchmarkCheckException("The vote was counted but no VoteCountChanged was published.");
                }, ct);
                await RoundAsync(count ? Bare : null, count ? BareLast : null, async () =>
                {
                    var start = Stopwatch.GetTimestamp();
                    await hub.Clients.All.SendAsync(LiveHub.EventMethod, nameof(VoteCountChanged), sent, ct);
                    return start;
                }, ct);
            }
        }
        finally
        {
            clock.VoteSaved = null;
        }
    }

    /// <summary>Arms the visitors, sends (which answers the stamp to time from), then collects every connection's arrival.</summary>
    private async Task RoundAsync(Latency? into, Latency? last, Func<Task<long>> send, CancellationToken ct)
    {
        const string group = "live";
        await clients.AskAsync($"arm {group} {postId}", TimeSpan.FromSeconds(30), ct);
        var from = await send();
        var reply = await clients.AskAsync($"collect {group} {(int)RoundTimeout.TotalMilliseconds}", RoundTimeout + TimeSpan.FromSeconds(30), ct);
        var (arrived, expected, lost) = (Int(reply[1]), Int(reply[2]), Int(reply[3]));
        if (arrived != expected)
        {
            throw new BenchmarkCheckException(
                $"Only {arrived} of {expected} visitors received the vote within {RoundTimeout.TotalSeconds:F0} s ({lost} connections closed).");
        }

        long latest = 0;
        foreach (var word in reply.AsSpan(4))
        {
            var ticks = long.Parse(word, CultureInfo.InvariantCulture) - from;
            if (ticks < 0)
            {
                throw new BenchmarkCheckException("A visitor stamped the vote before it was sent: the processes' clocks differ.");
            }

            into?.Add(Stopwatch.GetElapsedTime(0, ticks));
            latest = Math.Max(latest, ticks);
        }

        last?.Add(Stopwatch.GetElapsedTime(0, latest));
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
