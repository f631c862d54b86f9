using System.Text.Json;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Accounts;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Admin;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Live;

/// <summary>
/// The public hub for clients outside Blazor: it delivers the bus's events to the connections that joined,
/// with the pages' authorization. Over a portal without demo data: each test makes the people and posts it needs.
/// </summary>
public sealed class LiveHubTests(EmptyPortalFactory portal) : IClassFixture<EmptyPortalFactory>
{
    private static readonly TimeSpan Patience = TestTimeouts.Wait;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_idea_reaches_a_connection_that_joined_the_board()
    {
        await using var hub = await ConnectAsync(signInAs: null);
        var received = Record(hub);
        await hub.InvokeAsync(nameof(LiveHub.JoinBoard), Ct);
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);

        var result = await portal.Services.GetRequiredService<IdeaService>()
            .ProposeAsync(new ProposeIdea("Hub test: a widget for the homepage", "Shown on our website.", null), customer.Viewer, Ct);

        var (type, data) = await received.Reader.ReadAsync(Ct).AsTask().WaitAsync(Patience, Ct);
        Assert.Equal(nameof(PostCreated), type);
        Assert.Equal(result.PostId, data.GetProperty("post").GetProperty("id").GetInt32());
        Assert.Equal("Hub test: a widget for the homepage", data.GetProperty("post").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Another_customers_private_complaint_cannot_be_joined_and_a_visitor_cannot_join_it_either()
    {
        var complaintId = await portal.FileComplaintAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), isPublic: false, ct: Ct);
        await using var customer = await ConnectAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct));
        await using var visitor = await ConnectAsync(signInAs: null);
        await using var staff = await ConnectAsync(await portal.AddPersonAsync(Roles.Staff, ct: Ct));

        await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync(nameof(LiveHub.JoinPost), complaintId, Ct));
        await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync(nameof(LiveHub.JoinPost), complaintId, Ct));
        await staff.InvokeAsync(nameof(LiveHub.JoinPost), complaintId, Ct);
    }

    [Fact]
    public async Task An_internal_note_reaches_staff_connections_and_never_a_customers()
    {
        var ideaId = await PublicIdeaIdAsync();
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        await using var customer = await ConnectAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct));
        await using var staff = await ConnectAsync(anna);
        var toCustomer = Record(customer);
        var toStaff = Record(staff);
        await customer.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);
        await staff.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);
        var threads = portal.Services.GetRequiredService<ThreadService>();
        var note = $"Internal: check the meter history ({Guid.NewGuid():N})";
        var sentinel = $"Public: we are on it ({Guid.NewGuid():N})";

        Assert.True((await threads.ReplyAsync(ideaId, null, note, internalNote: true, anna.Viewer, Ct)).Succeeded);
        Assert.True((await threads.ReplyAsync(ideaId, null, sentinel, internalNote: false, anna.Viewer, Ct)).Succeeded);

        // Events of one post arrive in order: once the public reply is there, the note had its chance.
        var staffBodies = new[] { await NextReplyBodyAsync(toStaff), await NextReplyBodyAsync(toStaff) };
        var customerBody = await NextReplyBodyAsync(toCustomer);
        Assert.Equal([note, sentinel], staffBodies);
        Assert.Equal(sentinel, customerBody);

        // Anything else the note set off would arrive before a reply sent after it: send one and read up to it.
        var last = $"Public: done ({Guid.NewGuid():N})";
        Assert.True((await threads.ReplyAsync(ideaId, null, last, internalNote: false, anna.Viewer, Ct)).Succeeded);
        foreach (var late in await EventsUntilReplyAsync(toCustomer, last))
        {
            Assert.DoesNotContain(note, late.Data.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Leaving_and_disconnecting_release_the_bus_subscriptions()
    {
        var topics = portal.Services.GetRequiredService<HubTopics>();
        var bus = portal.Services.GetRequiredService<InMemoryLiveBus>();
        var ideaId = await PublicIdeaIdAsync();
        var before = (topics.RelayCount, bus.SubscriptionCount);
        var first = await ConnectAsync(signInAs: null);
        await using var second = await ConnectAsync(signInAs: null);

        await first.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);
        await second.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);
        Assert.Equal(before.RelayCount + 2, topics.RelayCount);
        await second.InvokeAsync(nameof(LiveHub.LeavePost), ideaId, Ct);
        Assert.Equal(before.RelayCount + 2, topics.RelayCount);
        await first.DisposeAsync();

        await WaitUntilAsync(() => (topics.RelayCount, bus.SubscriptionCount) == before);
    }

    [Fact]
    public async Task Taking_staff_away_closes_the_connection_and_a_new_one_with_the_old_cookie_gets_no_staff_groups()
    {
        var ideaId = await PublicIdeaIdAsync();
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var admin = await portal.AddPersonAsync(Roles.Admin, ct: Ct);
        var (hub, cookies) = await ConnectWithCookiesAsync(anna);
        var closed = new TaskCompletionSource();
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);

        await portal.Services.GetRequiredService<AdminService>().SetRoleAsync(admin.Viewer, anna.Id, Roles.Staff, member: false, Ct);

        await closed.Task.WaitAsync(Patience, Ct);
        await using var again = await ConnectAsync(cookies);
        var received = Record(again);
        await again.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);
        var threads = portal.Services.GetRequiredService<ThreadService>();
        var colleague = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var note = $"Internal: after the change ({Guid.NewGuid():N})";
        var sentinel = $"Public: after the change ({Guid.NewGuid():N})";
        Assert.True((await threads.ReplyAsync(ideaId, null, note, internalNote: true, colleague.Viewer, Ct)).Succeeded);
        Assert.True((await threads.ReplyAsync(ideaId, null, sentinel, internalNote: false, colleague.Viewer, Ct)).Succeeded);

        Assert.Equal(sentinel, await NextReplyBodyAsync(received));
        await hub.DisposeAsync();
        await WaitUntilAsync(() => portal.Services.GetRequiredService<HubUsers>().PeopleCount == 0);
    }

    [Fact]
    public async Task A_hidden_replys_body_never_reaches_a_customers_connection_only_the_reason()
    {
        var ideaId = await PublicIdeaIdAsync();
        var anna = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var bert = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        await using var customer = await ConnectAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct));
        var toCustomer = Record(customer);
        await customer.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);
        var threads = portal.Services.GetRequiredService<ThreadService>();
        var spam = $"Cheap meters at spam.example ({Guid.NewGuid():N})";
        var reply = await threads.ReplyAsync(ideaId, null, spam, internalNote: false, bert.Viewer, Ct);
        Assert.Equal(spam, await NextReplyBodyAsync(toCustomer));

        Assert.True((await portal.Services.GetRequiredService<ReplyModerationService>().HideAsync(reply.Reply!.Id, "Advertising.", anna.Viewer, Ct)).Succeeded);
        var last = $"Public: sorted ({Guid.NewGuid():N})";
        Assert.True((await threads.ReplyAsync(ideaId, null, last, internalNote: false, anna.Viewer, Ct)).Succeeded);

        var events = await EventsUntilReplyAsync(toCustomer, last);
        var hidden = Assert.Single(events, e => e.Type == nameof(ReplyHidden)).Data;
        Assert.Equal((reply.Reply.Id, "Advertising."), (hidden.GetProperty("replyId").GetInt64(), hidden.GetProperty("hiding").GetProperty("reason").GetString()));
        Assert.All(events, e => Assert.DoesNotContain("spam.example", e.Data.GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_idea_that_waits_for_approval_can_be_joined_only_by_its_author_and_staff()
    {
        var newcomer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct))
        {
            // Registered today: a new account, whose link-heavy idea waits.
            await db.Users.Where(u => u.Id == newcomer.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, DateTime.UtcNow), Ct);
        }

        var ideaId = await portal.ProposeIdeaAsync(newcomer, body: "See https://a.example, https://b.example and https://c.example", ct: Ct);
        await using var author = await ConnectAsync(newcomer);
        await using var other = await ConnectAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct));
        await using var visitor = await ConnectAsync(signInAs: null);
        await using var staff = await ConnectAsync(await portal.AddPersonAsync(Roles.Staff, ct: Ct));

        await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct));
        await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct));
        await author.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);
        await staff.InvokeAsync(nameof(LiveHub.JoinPost), ideaId, Ct);
    }

    private static async Task<string> NextReplyBodyAsync(System.Threading.Channels.Channel<(string Type, JsonElement Data)> events)
    {
        while (true)
        {
            var (type, data) = await events.Reader.ReadAsync(Ct).AsTask().WaitAsync(Patience, Ct);
            if (type == nameof(ReplyAdded))
            {
                return data.GetProperty("reply").GetProperty("body").GetString()!;
            }
        }
    }

    /// <summary>Every event up to and including the reply with <paramref name="body"/>.</summary>
    private static async Task<List<(string Type, JsonElement Data)>> EventsUntilReplyAsync(
        System.Threading.Channels.Channel<(string Type, JsonElement Data)> events, string body)
    {
        var read = new List<(string Type, JsonElement Data)>();
        while (true)
        {
            var next = await events.Reader.ReadAsync(Ct).AsTask().WaitAsync(Patience, Ct);
            read.Add(next);
            if (next.Type == nameof(ReplyAdded) && next.Data.GetProperty("reply").GetProperty("body").GetString() == body)
            {
                return read;
            }
        }
    }

    private static System.Threading.Channels.Channel<(string Type, JsonElement Data)> Record(HubConnection hub)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<(string, JsonElement)>();
        hub.On<string, JsonElement>(LiveHub.EventMethod, (type, data) => channel.Writer.TryWrite((type, data)));
        return channel;
    }

    private async Task<HubConnection> ConnectAsync(TestPerson? signInAs) => (await ConnectWithCookiesAsync(signInAs)).Hub;

    private async Task<(HubConnection Hub, System.Net.CookieContainer Cookies)> ConnectWithCookiesAsync(TestPerson? signInAs)
    {
        using var browser = new PortalBrowser(portal);
        if (signInAs is not null)
        {
            var signedIn = await browser.SignInAsync(signInAs.Email, signInAs.Password);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.Status);
        }

        return (await ConnectAsync(browser.Cookies), browser.Cookies);
    }

    private async Task<HubConnection> ConnectAsync(System.Net.CookieContainer cookies)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(portal.Server.BaseAddress, LiveHub.Path), o =>
            {
                // The test server speaks HTTP only; long polling carries the same messages as WebSockets.
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = portal.Server.CreateHandler() };
            })
            .Build();
        await connection.StartAsync(Ct);
        return connection;
    }

    private async Task<int> PublicIdeaIdAsync() =>
        await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true in time.");
            await Task.Delay(25, Ct);
        }
    }
}
