using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// <c>PublicContent = Remove</c>: open pages hear the person's replies hidden and their ideas removed with moderation's
/// own events, the waiting reply on the staff topic only, and the queue and the bells follow.
/// </summary>
public abstract class RemovingAccountDeletionLiveTests(PortalFactory portal) : AccountDeletionLiveTests(portal, PublicContentOnDeletion.Remove)
{
    [Fact]
    public async Task Open_pages_hear_the_replies_hidden_and_the_ideas_removed_after_the_commit_and_the_counts_unchanged()
    {
        var name = $"Zelda Quibbleworth{Guid.NewGuid():N}"[..30];
        var zelda = await NewCustomerAsync(name);
        var otto = await Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ottosIdea = await Portal.ProposeIdeaAsync(otto, ct: Ct);
        var zeldasIdea = await Portal.ProposeIdeaAsync(zelda, TestPeople.UniqueTitle("Quibbleworthy invoices"), ct: Ct);
        var reply = await ReplyAsync(ottosIdea, zelda, "Quibbleworthy reply.");
        var waiting = await ReplyAsync(ottosIdea, zelda, ThreeLinks);
        Assert.True(waiting.IsHeld);
        await VoteAsync(ottosIdea, zelda);
        Assert.True((await Get<ReportService>().ReportAsync(new(ottosIdea, reply.Id, ReportReason.Spam, null), otto.Viewer, Ct)).Succeeded);
        // Otto follows Zelda's idea by replying there, and hears of her answer: one more unread notification, on a post that goes.
        var unread = await Get<NotificationInbox>().CountUnreadAsync(otto.Viewer, Ct);
        await ReplyAsync(zeldasIdea, otto, "How would that work?");
        await ReplyAsync(zeldasIdea, zelda, "Quibbleworthy answer.");
        Assert.Equal(unread + 1, await Get<NotificationInbox>().CountUnreadAsync(otto.Viewer, Ct));
        var before = await CountsAsync(ottosIdea);
        var (heard, committed) = Listen(zelda.Id,
            LiveTopics.Post(ottosIdea), LiveTopics.PostStaff(ottosIdea), LiveTopics.Post(zeldasIdea), LiveTopics.Moderation, LiveTopics.User(otto.Id));

        Assert.True((await Get<AccountDeletion>().DeleteAsync(zelda.Viewer, zelda.Password, [], Ct)).Succeeded);

        // The reply everyone read: hidden in its place with the reason, then as it reads now, by "Former customer", text gone.
        var hidden = heard.OfType<ReplyHidden>().Single(e => e.ReplyId == reply.Id);
        Assert.Equal((ottosIdea, AccountErasure.RemovalReason, false, LiveTopics.Post(ottosIdea)),
            (hidden.PostId, hidden.Hiding.Reason, hidden.StaffOnly, hidden.Topic));
        var edited = heard.OfType<ReplyEdited>().Single(e => e.Reply.Id == reply.Id);
        Assert.Equal((CareUser.FormerCustomerName, "", true), (edited.Reply.Author.DisplayName, edited.Reply.Body, edited.Reply.Hidden is not null));
        // The one that waited for approval travels where it always did: the staff topic only.
        Assert.All(heard.Where(e => e is ReplyHidden h && h.ReplyId == waiting.Id || e is ReplyEdited r && r.Reply.Id == waiting.Id),
            e => Assert.Equal(LiveTopics.PostStaff(ottosIdea), e.Topic));
        Assert.Equal(2, heard.Count(e => e is ReplyHidden h && h.ReplyId == waiting.Id || e is ReplyEdited r && r.Reply.Id == waiting.Id));

        Assert.Contains(heard, e => e is PostRemoved removed && removed.PostId == zeldasIdea);
        Assert.DoesNotContain(heard, e => e is PostRemoved removed && removed.PostId == ottosIdea);
        Assert.Contains(heard, e => e is ModerationDecided { Kind: ModerationDecision.Hidden } d && d.ReplyId == reply.Id);
        Assert.Contains(heard, e => e is ModerationDecided { Kind: ModerationDecision.Hidden } d && d.ReplyId == waiting.Id);
        Assert.Equal(unread, heard.OfType<NotificationsChanged>().Last().Unread);
        Assert.Equal(unread, await Get<NotificationInbox>().CountUnreadAsync(otto.Viewer, Ct));

        // Counters: nothing counted went, so no card or vote button hears a new count, and a reload shows the same.
        Assert.DoesNotContain(heard, e => e is ReplyAdded or VoteCountChanged);
        Assert.Equal(before, await CountsAsync(ottosIdea));
        Assert.Equal((1, 1), before);

        Assert.DoesNotContain(name, Wire(heard), StringComparison.Ordinal);
        Assert.DoesNotContain("Quibbleworthy", Wire(heard), StringComparison.Ordinal);
        Assert.NotEmpty(committed);
        Assert.All(committed, Assert.True);

        // What a page reading the thread again gets is what the events said.
        var thread = (await Get<PostService>().GetAsync(ottosIdea, otto.Viewer, Ct))!.Replies.Single(r => r.Id == reply.Id);
        Assert.Equal(edited.Reply, thread);
    }
}

public sealed class SqliteRemovingAccountDeletionLiveTests(EmptyPortalFactory portal)
    : RemovingAccountDeletionLiveTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresRemovingAccountDeletionLiveTests(EmptyPostgresPortalFactory portal)
    : RemovingAccountDeletionLiveTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
