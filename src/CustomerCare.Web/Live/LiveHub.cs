using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CustomerCare.Web.Live;

/// <summary>
/// The portal's live events for clients outside Blazor (an embeddable widget, a mobile app, the load
/// generator). A connection joins the ideas board or a post and then receives <c>event(type, data)</c>
/// with the same records the pages get. Joining a post asks the same visibility rule as the pages
/// (<see cref="PostVisibility.VisibleTo"/>), and only people who work here join a post's staff topic, so a
/// customer's connection never receives internal notes or other customers' private complaints. Of the people on a thread
/// it tells counts only (<see cref="PresenceCount"/>). Pages of other sites are refused (<see cref="LiveHubOrigins"/>).
/// </summary>
[AllowAnonymous]
public sealed class LiveHub(HubTopics topics, HubUsers users, IDbContextFactory<CareDb> dbs) : Hub
{
    public const string Path = "/hubs/live";

    /// <summary>The client method every event arrives on: the event's type name, then the event.</summary>
    public const string EventMethod = "event";

    public Task JoinBoard() => topics.JoinAsync(Context, LiveTopics.Board(PostKind.Idea));

    public Task LeaveBoard() => topics.LeaveAsync(Context, LiveTopics.Board(PostKind.Idea));

    public async Task JoinPost(int postId)
    {
        var viewer = Viewer.From(Context.User);
        await using (var db = await dbs.CreateDbContextAsync(Context.ConnectionAborted))
        {
            if (!await PostVisibility.VisibleTo(db.Posts, viewer).AnyAsync(p => p.Id == postId, Context.ConnectionAborted))
            {
                // The same answer for "does not exist" and "not yours": the hub tells nobody which ids exist.
                throw new HubException($"Post {postId} was not found.");
            }
        }

        await topics.JoinAsync(Context, LiveTopics.Post(postId));
        await topics.JoinPresenceAsync(Context, postId);
        if (viewer.WorksHere)
        {
            await topics.JoinAsync(Context, LiveTopics.PostStaff(postId));
        }
    }

    public async Task LeavePost(int postId)
    {
        foreach (var topic in new[] { LiveTopics.Post(postId), LiveTopics.PostStaff(postId), HubTopics.PresenceGroup(postId) })
        {
            await topics.LeaveAsync(Context, topic);
        }
    }

    public override Task OnConnectedAsync()
    {
        users.Connected(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        users.Disconnected(Context);
        return topics.LeaveAllAsync(Context);
    }
}
