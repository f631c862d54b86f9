using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Notifications;

/// <summary>The reader's side: the list page by page, the count, marking read, and what vanishes when a post does.</summary>
public abstract class NotificationInboxTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    private NotificationService Notifications => Get<NotificationService>();

    private NotificationInbox Inbox => Get<NotificationInbox>();

    private IDbContextFactory<CareDb> Dbs => Get<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_post_made_private_or_removed_later_vanishes_from_a_readers_list_count_and_links()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var follower = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var idea = (await Get<IdeaService>().ProposeAsync(new("Send the bill as a PDF attachment", "No portal login needed.", null), author, Ct)).PostId!.Value;
        Assert.True(await Get<FollowService>().SetPostAsync(idea, true, follower, Ct));
        await Get<ThreadService>().ReplyAsync(idea, null, "Good idea", false, staff, Ct);
        var seen = Assert.Single((await Inbox.ListAsync(follower, ct: Ct)).Items);
        Assert.Equal(1, await Inbox.CountUnreadAsync(author, Ct));

        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == idea).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsPublic, false), Ct);
        }

        Assert.Empty((await Inbox.ListAsync(follower, ct: Ct)).Items);
        Assert.Equal(0, await Inbox.CountUnreadAsync(follower, Ct));
        Assert.Null(await Inbox.OpenAsync(seen.Id, follower, Ct));
        Assert.Equal(1, await Inbox.CountUnreadAsync(author, Ct));

        using var recorder = new LiveEventRecorder(Get<ILiveBus>());
        var authorTopic = recorder.ListenTo(LiveTopics.User(author.UserId!));
        Assert.Equal(ModerationOutcome.Done, (await Get<ModerationService>().RemoveAsync(idea, "Duplicate of an older idea", staff, Ct)).Outcome);

        Assert.Empty((await Inbox.ListAsync(author, ct: Ct)).Items);
        Assert.Equal(0, await Inbox.CountUnreadAsync(author, Ct));
        // The bell of an open page learns the new count without a reload.
        Assert.Equal(0, Assert.Single(authorTopic.OfType<NotificationsChanged>()).Unread);
    }

    [Fact]
    public async Task The_list_is_newest_first_twenty_at_a_time_and_the_next_page_is_stable_when_new_ones_arrive()
    {
        var reader = await content.AddPersonAsync(Roles.Customer, Ct);
        var post = await content.AddPostAsync(PostKind.Idea, (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!, Ct);
        var written = await AddNotificationsAsync(reader.UserId!, post, 45);

        var first = await Inbox.ListAsync(reader, ct: Ct);
        await AddNotificationsAsync(reader.UserId!, post, 1);
        var second = await Inbox.ListAsync(reader, first.Next, Ct);
        var third = await Inbox.ListAsync(reader, second.Next, Ct);

        Assert.Equal(NotificationInbox.PageSize, first.Items.Count);
        Assert.Equal(NotificationInbox.PageSize, second.Items.Count);
        Assert.Equal(5, third.Items.Count);
        Assert.Null(third.Next);
        var shown = first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Id).ToList();
        Assert.Equal(written.OrderDescending(), shown);
        Assert.Equal(46, await Inbox.CountUnreadAsync(reader, Ct));
    }

    [Fact]
    public async Task Exactly_one_page_offers_no_next_page()
    {
        var reader = await content.AddPersonAsync(Roles.Customer, Ct);
        var post = await content.AddPostAsync(PostKind.Idea, (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!, Ct);
        await AddNotificationsAsync(reader.UserId!, post, NotificationInbox.PageSize);

        var page = await Inbox.ListAsync(reader, ct: Ct);

        Assert.Equal(NotificationInbox.PageSize, page.Items.Count);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Marking_read_touches_only_the_callers_own_notifications_and_tells_only_their_bell()
    {
        var alice = await content.AddPersonAsync(Roles.Customer, Ct);
        var bob = await content.AddPersonAsync(Roles.Customer, Ct);
        var post = await content.AddPostAsync(PostKind.Idea, (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!, Ct);
        var alices = await AddNotificationsAsync(alice.UserId!, post, 3);
        await AddNotificationsAsync(bob.UserId!, post, 2);
        using var recorder = new LiveEventRecorder(Get<ILiveBus>());
        var aliceTopic = recorder.ListenTo(LiveTopics.User(alice.UserId!));
        var bobTopic = recorder.ListenTo(LiveTopics.User(bob.UserId!));

        Assert.False(await Inbox.MarkReadAsync(alices[0], bob, Ct));
        Assert.Null(await Inbox.OpenAsync(alices[1], bob, Ct));
        Assert.False(await Inbox.MarkReadAsync(alices[0], Viewer.Anonymous, Ct));
        Assert.Equal(0, await Inbox.MarkAllReadAsync(Viewer.Anonymous, Ct));
        Assert.Equal(2, await Inbox.MarkAllReadAsync(bob, Ct));

        Assert.Equal(3, await Inbox.CountUnreadAsync(alice, Ct));
        Assert.Empty(aliceTopic);
        Assert.Equal(0, Assert.Single(bobTopic.OfType<NotificationsChanged>()).Unread);

        Assert.True(await Inbox.MarkReadAsync(alices[0], alice, Ct));
        Assert.False(await Inbox.MarkReadAsync(alices[0], alice, Ct));
        Assert.Equal($"/posts/{post}", await Inbox.OpenAsync(alices[1], alice, Ct));
        Assert.Equal(1, await Inbox.CountUnreadAsync(alice, Ct));
        Assert.Equal([2, 1], aliceTopic.OfType<NotificationsChanged>().Select(e => e.Unread));
        var read = (await Inbox.ListAsync(alice, ct: Ct)).Items.ToDictionary(i => i.Id, i => i.Read);
        Assert.Equal((true, true, false), (read[alices[0]], read[alices[1]], read[alices[2]]));
    }

    [Fact]
    public async Task Anonymous_readers_have_no_list_and_no_count()
    {
        Assert.Empty((await Inbox.ListAsync(Viewer.Anonymous, ct: Ct)).Items);
        Assert.Equal(0, await Inbox.CountUnreadAsync(Viewer.Anonymous, Ct));
        Assert.Null(await Inbox.OpenAsync(1, Viewer.Anonymous, Ct));
    }

    /// <summary>Reply notifications for <paramref name="userId"/>, oldest first, one second apart; returns their ids.</summary>
    private async Task<List<long>> AddNotificationsAsync(string userId, int postId, int count)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var at = DateTime.UtcNow;
        var rows = Enumerable.Range(0, count)
            .Select(i => new Notification { UserId = userId, Kind = NotificationKind.Reply, PostId = postId, CreatedAt = at.AddSeconds(i) })
            .ToList();
        foreach (var row in rows)
        {
            // One at a time, so the ids rise with the time on every provider.
            db.Notifications.Add(row);
            await db.SaveChangesAsync(Ct);
        }

        return [.. rows.Select(r => r.Id)];
    }
}

public sealed class SqliteNotificationInboxTests(PortalFactory portal) : NotificationInboxTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresNotificationInboxTests(PostgresPortalFactory portal) : NotificationInboxTests(portal), IClassFixture<PostgresPortalFactory>;
