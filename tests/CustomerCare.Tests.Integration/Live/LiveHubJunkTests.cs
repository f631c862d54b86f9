using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using System.Text;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>
/// Junk on the public hub: a message over <see cref="LiveHubGuard.MessageLimit"/>, or bytes the protocol cannot read after
/// a proper handshake, close that connection (SignalR does it; the guard logs and counts it), and another connection goes
/// on hearing its post. The largest message a client sends on purpose is measured and fits with room.
/// </summary>
public sealed class LiveHubJunkTests(GuardedPortal portal) : IClassFixture<GuardedPortal>
{
    private const char RecordSeparator = '\u001e';

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_largest_message_a_client_sends_on_purpose_fits_six_times_in_the_limit()
    {
        // WatchPosts of as many ids as it takes, each of ten digits, under a ten-digit invocation id: the JSON a browser sends.
        var ids = Enumerable.Range(int.MaxValue - LiveHub.MaxWatched + 1, LiveHub.MaxWatched).ToArray();
        var message = new InvocationMessage("2147483647", nameof(LiveHub.WatchPosts), [ids]);

        var size = new JsonHubProtocol().GetMessageBytes(message).Length;

        Assert.Equal(627, size);
        Assert.True(6 * size < LiveHubGuard.MessageLimit, $"{size} bytes");
    }

    [Fact]
    public async Task The_largest_message_on_purpose_is_answered_and_the_connection_goes_on()
    {
        await using var hub = await portal.ConnectAsync();
        var ids = Enumerable.Range(int.MaxValue - LiveHub.MaxWatched + 1, LiveHub.MaxWatched).ToArray();

        // Ids that do not exist: refused as any list with an unknown post is, read in full.
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(nameof(LiveHub.WatchPosts), ids, Ct));

        await hub.InvokeAsync(nameof(LiveHub.JoinBoard), Ct);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task An_oversized_message_closes_that_connection_and_another_goes_on()
    {
        var postId = await portal.PublicIdeaAsync(Ct);
        using var metric = new ClosedConnectionsMetric(portal.Services.GetRequiredService<IMeterFactory>());
        var (neighbour, heard) = await portal.WatcherAsync(postId, Ct);
        await using var _ = neighbour;
        await using var hub = await portal.ConnectAsync();
        var closed = GuardedPortal.ClosedAsync(hub);
        var tooMany = Enumerable.Range(1_000_000_000, 1_000).ToArray();

        await Record.ExceptionAsync(() => hub.InvokeAsync(nameof(LiveHub.WatchPosts), tooMany, Ct));

        await closed.WaitAsync(TestTimeouts.Wait, Ct);
        await AssertClosedForJunkAsync(metric);
        await portal.AssertPostEventArrivesAsync(heard, postId, Ct);
    }

    public static TheoryData<string, byte[]> Junk => new()
    {
        { "text that is no JSON", Encoding.UTF8.GetBytes($"hello, hub{RecordSeparator}") },
        { "an invocation without a target", Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"1\",\"arguments\":[]}}{RecordSeparator}") },
        { "bytes that are no UTF-8", [0xff, 0xfe, 0x00, 0xc3, 0x28, 0x7b, (byte)RecordSeparator] },
        { "a message that never ends", Encoding.UTF8.GetBytes(new string('x', (int)LiveHubGuard.MessageLimit + 1)) },
    };

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task Junk_after_the_handshake_closes_that_connection_and_another_goes_on(string what, byte[] junk)
    {
        var postId = await portal.PublicIdeaAsync(Ct);
        using var metric = new ClosedConnectionsMetric(portal.Services.GetRequiredService<IMeterFactory>());
        var (neighbour, heard) = await portal.WatcherAsync(postId, Ct);
        await using var _ = neighbour;
        using var socket = new ClientWebSocket();
        var ws = new UriBuilder(new Uri(portal.Root, LiveHub.Path)) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(ws, Ct);
        await SendAsync(socket, Encoding.UTF8.GetBytes($"{{\"protocol\":\"json\",\"version\":1}}{RecordSeparator}"));
        Assert.Equal($"{{}}{RecordSeparator}", await ReceiveTextAsync(socket));

        await SendAsync(socket, junk);

        // The server's last word is SignalR's close message, without the exception's text; then the socket closes.
        var last = await ReceiveTextAsync(socket);
        Assert.True(last.StartsWith("{\"type\":7,\"error\":\"Connection closed with an error.\"", StringComparison.Ordinal), $"{what}: {last}");
        Assert.Equal("", await ReceiveTextAsync(socket));
        Assert.Equal(WebSocketState.CloseReceived, socket.State);
        await AssertClosedForJunkAsync(metric);
        await portal.AssertPostEventArrivesAsync(heard, postId, Ct);
    }

    // The guard hears of it after SignalR has sent its close, so this waits for the count (never for a time).
    private async Task AssertClosedForJunkAsync(ClosedConnectionsMetric metric)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TestTimeouts.Wait);
        while (metric.Reasons.Count == 0)
        {
            await Task.Delay(20, deadline.Token);
        }

        Assert.Equal(["junk"], metric.Reasons);
        Assert.Contains(portal.ClosedLines, l => l.Contains("from 127.0.0.1 (junk)", StringComparison.Ordinal));
    }

    private static Task SendAsync(ClientWebSocket socket, byte[] bytes) =>
        socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, Ct);

    /// <summary>One whole WebSocket message as text; empty when the server closes the socket.</summary>
    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        var buffer = new byte[8 * 1024];
        using var received = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, Ct).WaitAsync(TestTimeouts.Wait, Ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return "";
            }

            received.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(received.ToArray());
            }
        }
    }
}
