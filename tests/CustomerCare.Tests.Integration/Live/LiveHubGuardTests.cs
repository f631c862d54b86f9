using System.Diagnostics.Metrics;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>
/// A connection of the public hub that floods it or keeps being refused is closed, and only that one: another connection
/// watching the same post still hears its events. A page's own pattern of calls is never closed. The guard's clock moves
/// only when a test moves it (<see cref="GuardedPortal"/>), so every count here is exact.
/// </summary>
public sealed class LiveHubGuardTests(GuardedPortal portal) : IClassFixture<GuardedPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_flooding_connection_is_closed_and_another_on_the_same_post_still_hears_it()
    {
        var postId = await portal.PublicIdeaAsync(Ct);
        using var metric = new ClosedConnectionsMetric(portal.Services.GetRequiredService<IMeterFactory>());
        var linesBefore = portal.ClosedLines.Count;
        var (neighbour, heard) = await portal.WatcherAsync(postId, Ct);
        await using var _ = neighbour;
        await using var flooder = await portal.ConnectAsync();
        var closed = GuardedPortal.ClosedAsync(flooder);

        // The burst at once, then a second's worth after a second: all answered.
        for (var i = 0; i < LiveHubGuard.Burst; i++)
        {
            await flooder.InvokeAsync(nameof(LiveHub.WatchPosts), new[] { postId }, Ct);
        }

        portal.Clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < LiveHubGuard.CallsPerSecond; i++)
        {
            await flooder.InvokeAsync(nameof(LiveHub.WatchPosts), new[] { postId }, Ct);
        }

        Assert.Equal(HubConnectionState.Connected, flooder.State);
        var refused = await Record.ExceptionAsync(() => flooder.InvokeAsync(nameof(LiveHub.WatchPosts), new[] { postId }, Ct));

        Assert.NotNull(refused);
        await closed.WaitAsync(TestTimeouts.Wait, Ct);
        await portal.AssertPostEventArrivesAsync(heard, postId, Ct);
        Assert.Equal(HubConnectionState.Connected, neighbour.State);
        var line = Assert.Single(portal.ClosedLines.Skip(linesBefore));
        Assert.Contains("from 127.0.0.1 (flood)", line, StringComparison.Ordinal);
        Assert.Equal(["flood"], metric.Reasons);
    }

    [Fact]
    public async Task The_fifth_refused_call_in_quick_succession_closes_the_connection()
    {
        using var metric = new ClosedConnectionsMetric(portal.Services.GetRequiredService<IMeterFactory>());
        var linesBefore = portal.ClosedLines.Count;
        await using var prober = await portal.ConnectAsync();
        var closed = GuardedPortal.ClosedAsync(prober);

        for (var id = 900_000_001; id < 900_000_001 + LiveHubGuard.Refusals; id++)
        {
            await Assert.ThrowsAsync<HubException>(() => prober.InvokeAsync(nameof(LiveHub.JoinPost), id, Ct));
            Assert.Equal(HubConnectionState.Connected, prober.State);
        }

        var last = await Record.ExceptionAsync(() => prober.InvokeAsync(nameof(LiveHub.JoinPost), 900_000_999, Ct));

        Assert.NotNull(last);
        await closed.WaitAsync(TestTimeouts.Wait, Ct);
        var line = Assert.Single(portal.ClosedLines.Skip(linesBefore));
        Assert.Contains("from 127.0.0.1 (refusals)", line, StringComparison.Ordinal);
        Assert.Equal(["refusals"], metric.Reasons);
    }

    public static TheoryData<string, object?[]> Unbindable => new()
    {
        { "a method the hub does not have", ["DropDatabase", new object?[] { 1 }] },
        { "arguments a method cannot read", [nameof(LiveHub.WatchPosts), new object?[] { "all of them" }] },
        { "too many arguments", [nameof(LiveHub.JoinPost), new object?[] { 1, 2 }] },
    };

    [Theory]
    [MemberData(nameof(Unbindable))]
    public async Task Calls_the_hub_cannot_bind_are_refusals_and_a_run_of_them_closes_that_connection_alone(string what, object?[] call)
    {
        var (method, arguments) = ((string)call[0]!, (object?[])call[1]!);
        var postId = await portal.PublicIdeaAsync(Ct);
        using var metric = new ClosedConnectionsMetric(portal.Services.GetRequiredService<IMeterFactory>());
        var (neighbour, heard) = await portal.WatcherAsync(postId, Ct);
        await using var _ = neighbour;
        await using var prober = await portal.ConnectAsync();
        var closed = GuardedPortal.ClosedAsync(prober);

        for (var i = 0; i < LiveHubGuard.Refusals; i++)
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => prober.InvokeCoreAsync(method, arguments, Ct));
            Assert.Contains($"no method '{method}' that takes these arguments", refused.Message, StringComparison.Ordinal);
            Assert.Equal(HubConnectionState.Connected, prober.State);
        }

        await Record.ExceptionAsync(() => prober.InvokeCoreAsync(method, arguments, Ct));

        await closed.WaitAsync(TestTimeouts.Wait, Ct);
        Assert.True(metric.Reasons is ["refusals"], $"{what}: {string.Join(", ", metric.Reasons)}");
        await portal.AssertPostEventArrivesAsync(heard, postId, Ct);
    }

    [Fact]
    public async Task Refusals_spread_over_minutes_are_forgiven()
    {
        await using var hub = await portal.ConnectAsync();

        for (var i = 0; i < 3 * LiveHubGuard.Refusals; i++)
        {
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(nameof(LiveHub.JoinPost), 900_001_000 + i, Ct));
            portal.Clock.Advance(LiveHubGuard.RefusalRefill);
        }

        await hub.InvokeAsync(nameof(LiveHub.JoinBoard), Ct);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task A_page_that_joins_watches_follows_its_list_and_reconnects_is_never_closed()
    {
        var ids = new[] { await portal.PublicIdeaAsync(Ct), await portal.PublicIdeaAsync(Ct), await portal.PublicIdeaAsync(Ct) };
        using var metric = new ClosedConnectionsMetric(portal.Services.GetRequiredService<IMeterFactory>());
        var linesBefore = portal.ClosedLines.Count;

        // A reconnect is a new connection (the hub keeps no state across them): the page's start happens twice.
        for (var connection = 0; connection < 2; connection++)
        {
            await using var page = await portal.ConnectAsync();
            var heard = HubClient.Record(page);
            await page.InvokeAsync(nameof(LiveHub.JoinBoard), Ct);
            await page.InvokeAsync(nameof(LiveHub.WatchPosts), ids, Ct);

            // A storm of list changes at once (ten re-watches), then one a second for two minutes.
            for (var i = 0; i < 10; i++)
            {
                await page.InvokeAsync(nameof(LiveHub.WatchPosts), ids, Ct);
            }

            for (var second = 0; second < 120; second++)
            {
                portal.Clock.Advance(TimeSpan.FromSeconds(1));
                await page.InvokeAsync(nameof(LiveHub.WatchPosts), ids, Ct);
            }

            await portal.AssertPostEventArrivesAsync(heard, ids[1], Ct);
            Assert.Equal(HubConnectionState.Connected, page.State);
        }

        Assert.Empty(portal.ClosedLines.Skip(linesBefore));
        Assert.Empty(metric.Reasons);
    }
}
