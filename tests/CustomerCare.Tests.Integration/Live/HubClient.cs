using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>A real SignalR client of the public hub, as a widget or an app would connect, optionally signed in and from a page of some origin.</summary>
internal static class HubClient
{
    /// <summary>Over the test server (long polling, which carries the same messages as WebSockets).</summary>
    public static async Task<HubConnection> ConnectAsync(PortalFactory portal, TestPerson? signInAs = null, string? origin = null)
    {
        using var browser = new PortalBrowser(portal);
        if (signInAs is not null)
        {
            var signedIn = await browser.SignInAsync(signInAs.Email, signInAs.Password);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        }

        var cookies = browser.Cookies;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(portal.Server.BaseAddress, LiveHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = portal.Server.CreateHandler() };
                if (origin is not null)
                {
                    o.Headers["Origin"] = origin;
                }
            })
            .Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>Straight to the WebSocket on real Kestrel, without negotiating: what a script on another site can open.</summary>
    public static async Task<HubConnection> ConnectWebSocketAsync(Uri root, string? origin)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(root, LiveHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (origin is not null)
                {
                    o.Headers["Origin"] = origin;
                }
            })
            .Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>Everything the hub sends the connection: the event's type name and its data.</summary>
    public static Channel<(string Type, JsonElement Data)> Record(HubConnection hub)
    {
        var channel = Channel.CreateUnbounded<(string, JsonElement)>();
        hub.On<string, JsonElement>(LiveHub.EventMethod, (type, data) => channel.Writer.TryWrite((type, data)));
        return channel;
    }
}
