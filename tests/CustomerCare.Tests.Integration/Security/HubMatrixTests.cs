using System.Reflection;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CustomerCare.Tests.Integration.Security;

/// <summary>
/// The authorization matrix for every method of the public hub: each × visitor, customer, another customer, author,
/// staff, product owner and admin, over a real SignalR connection carrying each person's own sign-in cookie. The post a
/// method names is the author's private complaint. A hub method without a row fails <see cref="Every_hub_method_has_a_row"/>.
/// </summary>
public abstract class HubMatrixTests(Cast cast)
{
    private static readonly Persona[] SeeThePost = [Persona.Author, Persona.Staff, Persona.ProductOwner, Persona.Admin];

    private static readonly Dictionary<string, (Persona[] Allowed, Func<HubConnection, int, Task> Call)> Rows = new(StringComparer.Ordinal)
    {
        [nameof(LiveHub.JoinBoard)] = (Cast.Everyone.ToArray(), (hub, _) => hub.InvokeAsync(nameof(LiveHub.JoinBoard), Ct)),
        [nameof(LiveHub.LeaveBoard)] = (Cast.Everyone.ToArray(), (hub, _) => hub.InvokeAsync(nameof(LiveHub.LeaveBoard), Ct)),
        [nameof(LiveHub.JoinPost)] = (SeeThePost, (hub, post) => hub.InvokeAsync(nameof(LiveHub.JoinPost), post, Ct)),
        [nameof(LiveHub.WatchPosts)] = (SeeThePost, (hub, post) => hub.InvokeAsync(nameof(LiveHub.WatchPosts), new[] { post }, Ct)),
        [nameof(LiveHub.LeavePost)] = (Cast.Everyone.ToArray(), (hub, post) => hub.InvokeAsync(nameof(LiveHub.LeavePost), post, Ct)),
        // What an unbindable call becomes: refused to everyone.
        [nameof(LiveHub.NoSuchMethod)] = ([], (hub, _) => hub.InvokeAsync(nameof(LiveHub.NoSuchMethod), "JoinBoard", Ct)),
    };

    public static TheoryData<string, Persona> Cells
    {
        get
        {
            var cells = new TheoryData<string, Persona>();
            foreach (var method in Rows.Keys.Order(StringComparer.Ordinal))
            {
                foreach (var persona in Cast.Everyone)
                {
                    cells.Add(method, persona);
                }
            }

            return cells;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_hub_method_is_allowed_to_exactly_the_people_it_names(string method, Persona persona)
    {
        await cast.EnsurePeopleAsync(Ct);
        var complaint = await cast.ComplaintAsync();
        await using var hub = await ConnectAsync(persona);

        var allowed = true;
        try
        {
            await Rows[method].Call(hub, complaint);
        }
        catch (HubException)
        {
            allowed = false;
        }

        Assert.Equal(Rows[method].Allowed.Contains(persona), allowed);
    }

    [Fact]
    public void Every_hub_method_has_a_row()
    {
        var methods = typeof(LiveHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name != nameof(Hub.OnDisconnectedAsync) && m.Name != nameof(Hub.OnConnectedAsync))
            .Select(m => m.Name)
            .ToList();

        Assert.NotEmpty(methods);
        var missing = methods.Where(m => !Rows.ContainsKey(m)).ToList();
        Assert.Empty(missing);
    }

    private async Task<HubConnection> ConnectAsync(Persona persona)
    {
        using var browser = new PortalBrowser(cast.Portal);
        if (persona != Persona.Visitor)
        {
            await browser.SignInAsync(cast.Person(persona).Email, cast.Person(persona).Password);
        }

        var cookies = browser.Cookies;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(cast.Portal.Server.BaseAddress, LiveHub.Path), o =>
            {
                // The test server speaks HTTP only; long polling carries the same messages as WebSockets.
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = cast.Portal.Server.CreateHandler() };
            })
            .Build();
        await connection.StartAsync(Ct);
        return connection;
    }
}

public sealed class SqliteHubMatrixTests(SqliteCast cast) : HubMatrixTests(cast), IClassFixture<SqliteCast>;
