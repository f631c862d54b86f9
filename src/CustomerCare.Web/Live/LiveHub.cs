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

    /// <summary>
    /// What a call the hub cannot bind becomes (<see cref="GuardedJsonHubProtocol"/>): a method it does not have, or
    /// arguments it cannot read. Always refused, so <see cref="LiveHubGuard"/> counts it as a call and as a refusal.
    /// </summary>
    public Task NoSuchMethod(string target) =>
        throw new HubException($"The hub has no method '{target}' that takes these arguments.");

    /// <summary>The most posts one <see cref="WatchPosts"/> follows: a list's page (the widget shows ten).</summary>
    public const int MaxWatched = 50;

    /// <summary>
    /// Follows the public events of many posts at once — a list's vote counts and statuses (the widget) — with one
    /// visibility query for all of them, and stops following those of the previous call that are not named again. No
    /// presence and no staff topic: a list shows neither. Any post the caller may not see refuses the whole call, with the
    /// same answer as <see cref="JoinPost"/>.
    /// </summary>
    public async Task WatchPosts(int[] postIds)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        var wanted = postIds.Distinct().ToArray();
        if (wanted.Length > MaxWatched)
        {
            throw new HubException($"At most {MaxWatched} posts can be watched at once.");
        }

        var viewer = Viewer.From(Context.User);
        await using (var db = await dbs.CreateDbContextAsync(Context.ConnectionAborted))
        {
            var visible = await PostVisibility.VisibleTo(db.Posts, viewer).Where(p => wanted.Contains(p.Id)).CountAsync(Context.ConnectionAborted);
            if (visible != wanted.Length)
            {
                throw new HubException("A post of these was not found.");
            }
        }

        var before = Context.Items.TryGetValue(WatchedKey, out var value) && value is int[] watched ? watched : [];
        Context.Items[WatchedKey] = wanted;
        foreach (var gone in before.Except(wanted))
        {
            await topics.LeaveAsync(Context, LiveTopics.Post(gone));
        }

        foreach (var postId in wanted)
        {
            await topics.JoinAsync(Context, LiveTopics.Post(postId));
        }
    }

    private const string WatchedKey = "cc:watched";

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
