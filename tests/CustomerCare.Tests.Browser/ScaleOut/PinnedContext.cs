using Microsoft.Playwright;

namespace CustomerCare.Tests.Browser.ScaleOut;

/// <summary>
/// One browser (a Playwright context: its own cookies) behind the balancer. Every answer nginx gives it
/// names the server that produced it (X-Served-By, from $upstream_addr); the context keeps them, so a
/// test can prove which server really served a page and its circuit, not just which one it asked for.
/// </summary>
public sealed class PinnedContext : IAsyncDisposable
{
    private readonly ScaleOutFixture servers;
    private readonly List<(string Url, string? ServedBy)> answers = [];

    internal PinnedContext(ScaleOutFixture servers, IBrowserContext context)
    {
        this.servers = servers;
        Context = context;
        context.Response += (_, response) =>
        {
            // Pages, form posts and the circuit's negotiation only: a stylesheet or icon may come from the
            // browser's cache with the headers of whichever server sent it first.
            if (response.Request.ResourceType is "document" or "fetch" or "xhr")
            {
                lock (answers)
                {
                    answers.Add((response.Url, response.Headers.GetValueOrDefault("x-served-by")));
                }
            }
        };
    }

    public IBrowserContext Context { get; }

    public Task<IPage> NewPageAsync() => Context.NewPageAsync();

    /// <summary>
    /// Sets the cookie nginx routes by, as its own Set-Cookie would after "?server=a": from now on this
    /// browser's requests go to that server. Forgets the answers recorded so far.
    /// </summary>
    public async Task PinAsync(PortalServer server)
    {
        await Context.AddCookiesAsync(
        [
            new Cookie { Name = "cc_server", Value = server == PortalServer.A ? "a" : "b", Url = servers.Root.ToString() },
        ]);
        lock (answers)
        {
            answers.Clear();
        }
    }

    /// <summary>
    /// Every page and request since the last pin came from <paramref name="server"/>; with a circuit, its
    /// negotiation too.
    /// </summary>
    public void AssertAllServedBy(PortalServer server, bool withCircuit = true)
    {
        List<(string Url, string? ServedBy)> seen;
        lock (answers)
        {
            seen = answers.Where(a => a.Url.StartsWith(servers.Root.ToString(), StringComparison.Ordinal)).ToList();
        }

        Assert.NotEmpty(seen);
        var expected = servers.Address(server);
        var elsewhere = seen.Where(a => a.ServedBy != expected).Select(a => $"{a.Url} by {a.ServedBy ?? "(no header)"}").ToList();
        Assert.True(elsewhere.Count == 0, $"Expected every answer from server {server} ({expected}); these were not:\n{string.Join('\n', elsewhere)}");
        if (withCircuit)
        {
            // The negotiation's connection token is valid only on the server that issued it, so the
            // circuit's WebSocket that follows is on this server too.
            Assert.Contains(seen, a => a.Url.Contains("/_blazor/negotiate", StringComparison.Ordinal));
        }
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
