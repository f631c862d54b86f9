using System.Net.Sockets;
using System.Text;
using CustomerCare.Tests.Support;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// Requests no well-behaved client sends, written byte for byte to the real Kestrel of a Production portal: a NUL or raw
/// non-ASCII in the path, bytes above ASCII in headers, request lines and headers beyond Kestrel's limits. Each is
/// answered, never with a server error or exception text.
/// </summary>
public sealed class RawRequestTests(RawRequestTests.Kestrel portal) : IClassFixture<RawRequestTests.Kestrel>
{
    public static TheoryData<string> Requests =>
    [
        "GET /a%00b HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /posts/1%00 HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /%FF%FE%00 HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /posts/\u00ff\u00e9 HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /ideas?q=\u00fc\u00df HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: localhost\r\nAccept-Language: d\u00e9-\u00c4T;q=0.9\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: localhost\r\nCookie: .AspNetCore.Culture=c=\u00e9|uic=\u00e9\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\nX-Forwarded-For: \u00ff\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: localhost\r\nHost: other\r\n\r\n",
        "GET /" + new string('a', 10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + new string('b', 40_000) + "\r\n\r\n",
        "POST /unsubscribe?token=x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\na=%FF",
        "POST /hubs/live/negotiate?negotiateVersion=1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n",
        "GET /hubs/live HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n",
        "BREW /coffee HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /posts/abc HTTP/1.0\r\n\r\n",
        "GET / HTTP/1.0\r\n\r\n",
        "GET /ideas?q=x HTTP/1.0\r\nHost:\r\n\r\n",
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_malformed_request_is_answered_without_a_server_error(string request)
    {
        var ct = TestContext.Current.CancellationToken;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(portal.Root.Host, portal.Root.Port, ct);
        var stream = tcp.GetStream();

        // Latin-1: each char of the request is one byte, so raw bytes above 0x7F go out as they are. Connection: close makes
        // Kestrel end the connection after its answer, so the whole answer can be read.
        var firstLineEnd = request.IndexOf("\r\n", StringComparison.Ordinal) + 2;
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request.Insert(firstLineEnd, "Connection: close\r\n")), ct);
        var answer = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(ct).WaitAsync(TestTimeouts.Wait, ct);

        var status = answer.Split(' ', 3) is [_, var code, _] && int.TryParse(code, out var parsed) ? parsed : 0;
        Assert.True(status is >= 100 and < 500, $"{request[..Math.Min(60, request.Length)]} answered: {answer[..Math.Min(300, answer.Length)]}");
        ResponseChecks.AssertNoExceptionText(answer, request[..Math.Min(60, request.Length)]);
    }

    /// <summary>A Production portal on real Kestrel.</summary>
    public sealed class Kestrel : IAsyncDisposable
    {
        private readonly ProductionPortal portal = new();

        public Kestrel() => Root = portal.StartRealServer();

        public Uri Root { get; }

        public ValueTask DisposeAsync() => portal.DisposeAsync();
    }
}
