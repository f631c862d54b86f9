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
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static CustomerCare.Tests.Support.ResponseClockTesting;

namespace CustomerCare.Tests.Integration.Notifications;

/// <summary>
/// Who hears of which act: the customer of their complaint's new owner and proposed resolution, team leads of an
/// escalation, category followers of a new idea; never the actor, never a customer of an internal note.
/// </summary>
public abstract class NotificationRecipientsTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private T Get<T>() where T : notnull => portal.Services.GetRequiredService<T>();

    private NotificationService Notifications => Get<NotificationService>();

    private NotificationInbox Inbox => Get<NotificationInbox>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Taking_over_and_handing_over_a_complaint_tells_the_customer_the_new_owners_name_and_no_one_else()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var anna = await NamedAsync(Roles.Staff, "Anna Owner");
        var bernd = await NamedAsync(Roles.Staff, "Bernd Colleague");
        var complaint = await FileAsync(customer);
        // Filing may have given it to Anna or Bernd already (the least busy): start unassigned, as with nobody on staff.
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == complaint).ExecuteUpdateAsync(s => s.SetProperty(p => p.OwnerId, (string?)null), Ct);
        }

        Assert.Equal(OwnershipOutcome.Done, (await Get<ComplaintOwnershipService>().ClaimAsync(complaint, anna, ct: Ct)).Outcome);
        var taken = Assert.Single((await Inbox.ListAsync(customer, ct: Ct)).Items);
        Assert.Equal(NotificationKind.ComplaintOwner, taken.Facts.Kind);
        Assert.StartsWith("Anna Owner is now taking care of your complaint", En(taken), StringComparison.Ordinal);

        Assert.Equal(OwnershipOutcome.Done,
            (await Get<ComplaintOwnershipService>().ReassignAsync(complaint, bernd.UserId!, "Knows the billing system", anna, ct: Ct)).Outcome);
        var items = (await Inbox.ListAsync(customer, ct: Ct)).Items;
        Assert.Equal(2, items.Count);
        Assert.StartsWith("Bernd Colleague is now taking care of your complaint", En(items[0]), StringComparison.Ordinal);
        Assert.Equal(2, await Inbox.CountUnreadAsync(customer, Ct));
        Assert.Equal(0, await Inbox.CountUnreadAsync(anna, Ct));
        Assert.Equal(0, await Inbox.CountUnreadAsync(bernd, Ct));
    }

    [Fact]
    public async Task A_proposed_resolution_tells_the_customer_once_at_the_proposal_and_not_the_owner()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var owner = await NamedAsync(Roles.Staff, "Olga Owner");
        var complaint = await FileAsync(customer);
        await Get<ComplaintOwnershipService>().ClaimAsync(complaint, owner, ct: Ct);
        await Inbox.MarkAllReadAsync(customer, Ct);

        var proposal = await Get<ComplaintResolutionService>().ProposeAsync(complaint, "We refunded the second payment.", owner, Ct);

        Assert.Equal(ThreadOutcome.Posted, proposal.Outcome);
        var replyId = proposal.Reply!.Id;
        var item = Assert.Single((await Inbox.ListAsync(customer, ct: Ct)).Items, i => !i.Read);
        Assert.Equal((NotificationKind.ResolutionProposed, replyId), (item.Facts.Kind, item.Facts.ReplyId));
        Assert.Equal($"/posts/{complaint}#reply-{replyId}", NotificationText.Render(item.Facts, new("en")).Link);
        Assert.StartsWith("Olga Owner proposes a solution for", En(item), StringComparison.Ordinal);
        Assert.Equal(0, await Inbox.CountUnreadAsync(owner, Ct));
    }

    [Fact]
    public async Task An_escalation_tells_every_team_lead_and_nobody_else()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var lead = await content.AddPersonAsync(Roles.Admin, Ct);
        // Dated ahead of the real clock, so the host's own escalation job leaves it alone (see StaffDeskTests).
        var complaint = await AddComplaintAsync(customer.UserId!, Utc("2027-03-05 15:00"));
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            db.PostFollows.AddRange(
                new PostFollow { UserId = staff.UserId!, PostId = complaint, Reason = FollowReason.Chose, Since = DateTime.UtcNow },
                new PostFollow { UserId = owner.UserId!, PostId = complaint, Reason = FollowReason.Chose, Since = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        var escalation = new ComplaintEscalation(
            Dbs, Get<ILiveBus>(), Clock(time: new ManualTime(Utc("2027-03-08 09:01"))), Notifications,
            Get<CustomerCare.Web.Features.Webhooks.WebhookPublisher>(), NullLogger<ComplaintEscalation>.Instance);
        var escalated = new List<int>();
        for (var batch = await escalation.RunOnceAsync(Ct); batch.Count > 0; batch = await escalation.RunOnceAsync(Ct))
        {
            escalated.AddRange(batch);
        }

        Assert.Contains(complaint, escalated);
        await using var check = await Dbs.CreateDbContextAsync(Ct);
        var told = await check.Notifications.Where(n => n.PostId == complaint).Select(n => n.UserId).OrderBy(id => id).ToListAsync(Ct);
        var leads = await check.UserRoles.Where(ur => ur.RoleId == Roles.AdminId).Select(ur => ur.UserId).OrderBy(id => id).ToListAsync(Ct);
        Assert.Contains(lead.UserId!, told);
        Assert.Equal(leads, told);
        var item = Assert.Single((await Inbox.ListAsync(lead, ct: Ct)).Items, i => i.Facts.PostId == complaint);
        Assert.Equal(NotificationKind.Escalated, item.Facts.Kind);
        Assert.Equal(0, await Inbox.CountUnreadAsync(customer, Ct));
    }

    [Fact]
    public async Task A_new_idea_in_a_followed_category_tells_its_followers_but_not_its_author_nor_anyone_else()
    {
        var follower = await content.AddPersonAsync(Roles.Customer, Ct);
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var bystander = await content.AddPersonAsync(Roles.Customer, Ct);
        int category, otherCategory;
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            var ids = await db.Categories.OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync(Ct);
            (category, otherCategory) = (ids[0], ids[1]);
        }

        Assert.True(await Get<FollowService>().SetCategoryAsync(category, true, follower, Ct));
        Assert.True(await Get<FollowService>().SetCategoryAsync(category, true, author, Ct));
        Assert.True(await Get<FollowService>().SetCategoryAsync(otherCategory, true, bystander, Ct));

        var idea = (await Get<IdeaService>().ProposeAsync(new("Split the bill by household member", "Flatshares need it.", category), author, Ct)).PostId!.Value;

        var item = Assert.Single((await Inbox.ListAsync(follower, ct: Ct)).Items, i => i.Facts.PostId == idea);
        Assert.Equal(NotificationKind.NewIdea, item.Facts.Kind);
        Assert.Equal($"/posts/{idea}", NotificationText.Render(item.Facts, new("en")).Link);
        Assert.Equal(0, await Inbox.CountUnreadAsync(author, Ct));
        Assert.Equal(0, await Inbox.CountUnreadAsync(bystander, Ct));

        Assert.True(await Get<FollowService>().SetCategoryAsync(category, false, follower, Ct));
        await Get<IdeaService>().ProposeAsync(new("Pay the bill in two instalments", "Easier in winter.", category), author, Ct);
        Assert.Equal(1, await Inbox.CountUnreadAsync(follower, Ct));
    }

    [Fact]
    public async Task An_internal_note_on_a_complaint_and_every_answer_to_it_notify_no_customer()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var colleague = await content.AddPersonAsync(Roles.Staff, Ct);
        var complaint = await FileAsync(customer);
        await Get<ThreadService>().ReplyAsync(complaint, null, "We are on it", false, colleague, Ct);
        await Inbox.MarkAllReadAsync(customer, Ct);

        var note = (await Get<ThreadService>().ReplyAsync(complaint, null, "Customer is on the old tariff", true, staff, Ct)).Reply!;
        var answer = await Get<ThreadService>().ReplyAsync(complaint, note.Id, "Then refund the difference", false, colleague, Ct);

        Assert.Equal(ThreadOutcome.Posted, answer.Outcome);
        var answered = answer.Reply!;
        Assert.True(answered.IsInternalNote);
        Assert.Equal(0, await Inbox.CountUnreadAsync(customer, Ct));
        Assert.DoesNotContain((await Inbox.ListAsync(customer, ct: Ct)).Items, i => i.Facts.ReplyId == note.Id || i.Facts.ReplyId == answered.Id);
        Assert.Equal(0, await Inbox.CountUnreadAsync(staff, Ct));
    }

    [Fact]
    public async Task The_actor_never_hears_of_their_own_reply_vote_or_decision_while_followers_do()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var voter = await content.AddPersonAsync(Roles.Customer, Ct);
        var productOwner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var idea = (await Get<IdeaService>().ProposeAsync(new("Remind me before the meter reading", "I always forget.", null), author, Ct)).PostId!.Value;
        await Get<VoteService>().ToggleAsync(idea, voter, Ct);
        Assert.True(await Get<FollowService>().SetPostAsync(idea, true, productOwner, Ct));

        await Get<ThreadService>().ReplyAsync(idea, null, "Thanks for the votes", false, author, Ct);
        await Get<ThreadService>().ReplyAsync(idea, null, "Same for me", false, voter, Ct);
        await Get<StatusDecisionService>().ChangeStatusAsync(idea, PostStatus.Planned, "Next quarter.", null, productOwner, Ct);

        Assert.Equal([NotificationKind.StatusChanged, NotificationKind.Reply], await KindsAsync(author, idea));
        Assert.Equal([NotificationKind.StatusChanged, NotificationKind.Reply], await KindsAsync(voter, idea));
        Assert.Equal([NotificationKind.Reply, NotificationKind.Reply], await KindsAsync(productOwner, idea));
    }

    [Fact]
    public async Task An_unfollow_is_remembered_when_voting_again_and_then_nothing_is_notified()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var voter = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var idea = (await Get<IdeaService>().ProposeAsync(new("Show the tariff history as a chart", "Easier to compare.", null), author, Ct)).PostId!.Value;
        await Get<VoteService>().ToggleAsync(idea, voter, Ct);
        Assert.True(await Get<FollowService>().SetPostAsync(idea, false, voter, Ct));

        await Get<VoteService>().ToggleAsync(idea, voter, Ct);
        await Get<VoteService>().ToggleAsync(idea, voter, Ct);
        await Get<ThreadService>().ReplyAsync(idea, null, "Answered by the team", false, staff, Ct);

        Assert.Equal(new FollowState(false, null), await Get<FollowService>().GetAsync(idea, voter, Ct));
        Assert.Equal(0, await Inbox.CountUnreadAsync(voter, Ct));
        Assert.Equal(1, await Inbox.CountUnreadAsync(author, Ct));

        Assert.True(await Get<FollowService>().SetPostAsync(idea, true, voter, Ct));
        await Get<ThreadService>().ReplyAsync(idea, null, "Another answer", false, staff, Ct);
        Assert.Equal(new FollowState(true, FollowReason.Chose), await Get<FollowService>().GetAsync(idea, voter, Ct));
        Assert.Equal(1, await Inbox.CountUnreadAsync(voter, Ct));
    }

    [Fact]
    public async Task Following_a_private_complaint_is_refused_to_other_customers_and_anonymous_but_allowed_to_staff()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var other = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var complaint = await FileAsync(customer);
        var follows = Get<FollowService>();

        Assert.False(await follows.SetPostAsync(complaint, true, other, Ct));
        Assert.False(await follows.SetPostAsync(complaint, true, Viewer.Anonymous, Ct));
        Assert.True(await follows.SetPostAsync(complaint, true, staff, Ct));
        Assert.Equal(new FollowState(false, null), await follows.GetAsync(complaint, other, Ct));
        Assert.Equal(new FollowState(true, FollowReason.Chose), await follows.GetAsync(complaint, staff, Ct));
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        Assert.False(await db.PostFollows.AnyAsync(f => f.PostId == complaint && f.UserId == other.UserId, Ct));
    }

    private IDbContextFactory<CareDb> Dbs => Get<IDbContextFactory<CareDb>>();

    private static string En(NotificationItem item) => NotificationText.Render(item.Facts, new("en")).Text;

    private async Task<List<NotificationKind>> KindsAsync(Viewer viewer, int postId) =>
        [.. (await Inbox.ListAsync(viewer, ct: Ct)).Items.Where(i => i.Facts.PostId == postId).Select(i => i.Facts.Kind)];

    private async Task<int> FileAsync(Viewer customer) =>
        (await Get<ComplaintService>().FileAsync(new("Charged twice in October", "The bank shows it twice.", ComplaintMood.Angry, null, false), customer, Ct)).PostId!.Value;

    private async Task<Viewer> NamedAsync(string role, string name)
    {
        var person = await content.AddPersonAsync(role, Ct);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Users.Where(u => u.Id == person.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name), Ct);
        return person;
    }

    private async Task<int> AddComplaintAsync(string authorId, DateTime createdAt)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = new Post
        {
            Kind = PostKind.Complaint, Title = $"Complaint {Guid.NewGuid():N}", Body = "Written by a notification test.", AuthorId = authorId,
            CreatedAt = createdAt, UpdatedAt = createdAt, IsPublic = false, Mood = ComplaintMood.Angry,
        };
        db.Posts.Add(post);
        await db.SaveChangesAsync(Ct);
        return post.Id;
    }
}

public sealed class SqliteNotificationRecipientsTests(PortalFactory portal) : NotificationRecipientsTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresNotificationRecipientsTests(PostgresPortalFactory portal) : NotificationRecipientsTests(portal), IClassFixture<PostgresPortalFactory>;
