using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Notifications;

/// <summary>Who follows what, and who hears of what: followers, never the actor, never someone who may not see it.</summary>
public abstract class NotificationFanOutTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Author_voter_and_replier_follow_automatically_and_an_unfollow_survives_voting_again()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var voter = await content.AddPersonAsync(Roles.Customer, Ct);
        var replier = await content.AddPersonAsync(Roles.Customer, Ct);
        var idea = (await Get<IdeaService>().ProposeAsync(new("Export invoices as CSV please", "For the accountant.", null), author, Ct)).PostId!.Value;

        await Get<VoteService>().ToggleAsync(idea, voter, Ct);
        await Get<ThreadService>().ReplyAsync(idea, null, "Me too", false, replier, Ct);

        var follows = Get<FollowService>();
        Assert.Equal(new FollowState(true, FollowReason.Author), await follows.GetAsync(idea, author, Ct));
        Assert.Equal(new FollowState(true, FollowReason.Voted), await follows.GetAsync(idea, voter, Ct));
        Assert.Equal(new FollowState(true, FollowReason.Replied), await follows.GetAsync(idea, replier, Ct));

        Assert.True(await follows.SetPostAsync(idea, false, voter, Ct));
        await Get<VoteService>().ToggleAsync(idea, voter, Ct);
        await Get<VoteService>().ToggleAsync(idea, voter, Ct);
        Assert.False(await follows.IsFollowingAsync(idea, voter, Ct));
    }

    [Fact]
    public async Task Nobody_follows_a_private_complaint_of_someone_else_and_a_category_follow_brings_new_ideas()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var other = await content.AddPersonAsync(Roles.Customer, Ct);
        var complaint = (await Get<ComplaintService>().FileAsync(new("Parcel never arrived", "Tracking says delivered.", ComplaintMood.Angry, null, false), customer, Ct)).PostId!.Value;

        Assert.False(await Get<FollowService>().SetPostAsync(complaint, true, other, Ct));
        Assert.False(await Get<FollowService>().IsFollowingAsync(complaint, other, Ct));

        int category;
        await using (var db = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct))
        {
            category = await db.Categories.Select(c => c.Id).FirstAsync(Ct);
        }

        Assert.True(await Get<FollowService>().SetCategoryAsync(category, true, other, Ct));
        var idea = (await Get<IdeaService>().ProposeAsync(new("Dark mode for the invoice view", "Easier at night.", category), customer, Ct)).PostId!.Value;

        var page = await Get<NotificationInbox>().ListAsync(other, ct: Ct);
        Assert.Contains(page.Items, i => i.Facts.Kind == NotificationKind.NewIdea && i.Facts.PostId == idea);
        Assert.DoesNotContain((await Get<NotificationInbox>().ListAsync(customer, ct: Ct)).Items, i => i.Facts.PostId == idea);
    }

    [Fact]
    public async Task A_public_reply_notifies_followers_but_not_the_actor_live_on_their_own_topic_and_an_internal_note_notifies_nobody()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var idea = (await Get<IdeaService>().ProposeAsync(new("Invoices in German please", "For our office.", null), author, Ct)).PostId!.Value;
        using var recorder = new LiveEventRecorder(Get<ILiveBus>());
        var authorTopic = recorder.ListenTo(LiveTopics.User(author.UserId!));
        var staffTopic = recorder.ListenTo(LiveTopics.User(staff.UserId!));
        var postTopic = recorder.Listen(idea);

        await Get<ThreadService>().ReplyAsync(idea, null, "Only for us", true, staff, Ct);
        Assert.Equal(0, await Get<NotificationInbox>().CountUnreadAsync(author, Ct));

        var reply = (await Get<ThreadService>().ReplyAsync(idea, null, "On our list", false, staff, Ct)).Reply!;

        var item = Assert.Single((await Get<NotificationInbox>().ListAsync(author, ct: Ct)).Items);
        Assert.Equal((NotificationKind.Reply, reply.Id, false), (item.Facts.Kind, item.Facts.ReplyId, item.Read));
        Assert.Equal($"/posts/{idea}#reply-{reply.Id}", NotificationText.Render(item.Facts, new("en")).Link);
        Assert.Empty((await Get<NotificationInbox>().ListAsync(staff, ct: Ct)).Items);
        Assert.Equal(1, Assert.Single(authorTopic.OfType<NotificationsChanged>()).Unread);
        Assert.DoesNotContain(staffTopic, e => e is NotificationsChanged);
        Assert.All(staffTopic, e => Assert.Equal(idea, Assert.IsType<FollowChanged>(e).PostId)); // replying made them follow it
        Assert.DoesNotContain(postTopic, e => e is NotificationsChanged or FollowChanged);

        Assert.Equal(1, await Get<NotificationInbox>().MarkAllReadAsync(author, Ct));
        Assert.Equal(0, await Get<NotificationInbox>().CountUnreadAsync(author, Ct));
    }

    [Fact]
    public async Task A_private_complaint_never_notifies_another_customer_even_with_a_follow_row()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var other = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var complaint = (await Get<ComplaintService>().FileAsync(new("Parcel never arrived", "Tracking says delivered.", ComplaintMood.Angry, null, false), customer, Ct)).PostId!.Value;
        await using (var db = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct))
        {
            db.PostFollows.Add(new PostFollow { UserId = other.UserId!, PostId = complaint, Reason = FollowReason.Chose, Since = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        await Get<ThreadService>().ReplyAsync(complaint, null, "We are on it", false, staff, Ct);
        await Get<ComplaintOwnershipService>().ClaimAsync(complaint, staff, ct: Ct);

        Assert.Equal(0, await Get<NotificationInbox>().CountUnreadAsync(other, Ct));
        var kinds = (await Get<NotificationInbox>().ListAsync(customer, ct: Ct)).Items.Select(i => i.Facts.Kind).ToList();
        Assert.Contains(NotificationKind.Reply, kinds);
    }

    [Fact]
    public async Task Shipping_tells_voters_the_release_and_the_note()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var voter = await content.AddPersonAsync(Roles.Customer, Ct);
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var idea = (await Get<IdeaService>().ProposeAsync(new("Export invoices as CSV file", "For the accountant.", null), author, Ct)).PostId!.Value;
        await Get<VoteService>().ToggleAsync(idea, voter, Ct);

        Assert.Equal(StatusChangeOutcome.Changed, (await Get<StatusDecisionService>().ChangeStatusAsync(idea, PostStatus.Shipped, "Find it under Export.", "3.2", owner, Ct)).Outcome);

        var item = Assert.Single((await Get<NotificationInbox>().ListAsync(voter, ct: Ct)).Items);
        var shown = NotificationText.Render(item.Facts, new("en"));
        Assert.Equal(NotificationKind.Shipped, item.Facts.Kind);
        Assert.StartsWith("Shipped in 3.2: Export invoices as CSV file — idea by", shown.Text, StringComparison.Ordinal);
        Assert.Equal("Find it under Export.", shown.Note);
        Assert.StartsWith("Ausgeliefert in 3.2", NotificationText.Render(item.Facts, new("de")).Text, StringComparison.Ordinal);
    }
}

public sealed class SqliteNotificationFanOutTests(PortalFactory portal) : NotificationFanOutTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresNotificationFanOutTests(PostgresPortalFactory portal) : NotificationFanOutTests(portal), IClassFixture<PostgresPortalFactory>;
