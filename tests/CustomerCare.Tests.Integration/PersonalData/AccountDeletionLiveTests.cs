using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Notifications;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.PersonalData;

/// <summary>
/// Deleting an account as other people's open pages hear it: the events moderation's own removals and hides publish,
/// after the commit, none carrying the person's name or the text erased; the counters stay as a reload shows them.
/// </summary>
public abstract class AccountDeletionLiveTests : IDisposable
{
    protected const string ThreeLinks = "Quibbleworthy offers at https://a.example, www.b.example and http://c.example.";

    private readonly LiveEventRecorder recorder;
    private readonly List<IDisposable> subscriptions = [];

    protected AccountDeletionLiveTests(PortalFactory portal, PublicContentOnDeletion mode)
    {
        Portal = portal.With("PersonalData:Deletion:PublicContent", mode.ToString());
        recorder = new(Get<ILiveBus>());
    }

    protected PortalFactory Portal { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_erased_complaint_leaves_its_open_pages_the_moderation_queue_and_the_bells_of_staff()
    {
        var zelda = await Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var otto = await Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var anna = await Portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var complaint = await Portal.FileComplaintAsync(zelda, isPublic: true, ct: Ct);
        await ReplyAsync(complaint, anna, "We are on it.");
        await ReplyAsync(complaint, zelda, "Still broken.");
        Assert.True((await Get<ReportService>().ReportAsync(new(complaint, null, ReportReason.Spam, null), otto.Viewer, Ct)).Succeeded);
        Assert.True(await Get<NotificationInbox>().CountUnreadAsync(anna.Viewer, Ct) > 0);
        var heard = recorder.ListenTo(LiveTopics.Post(complaint), LiveTopics.Moderation, LiveTopics.User(anna.Id));

        Assert.True((await Get<AccountDeletion>().DeleteAsync(zelda.Viewer, zelda.Password, [complaint], Ct)).Succeeded);

        Assert.Contains(heard, e => e is PostRemoved removed && removed.PostId == complaint);
        Assert.Contains(heard, e => e is ModerationDecided { ReplyId: null } decided && decided.PostId == complaint);
        Assert.Equal(0, Assert.Single(heard.OfType<NotificationsChanged>()).Unread);
        Assert.Equal(0, await Get<NotificationInbox>().CountUnreadAsync(anna.Viewer, Ct));
    }

    public void Dispose()
    {
        recorder.Dispose();
        subscriptions.ForEach(s => s.Dispose());
        GC.SuppressFinalize(this);
    }

    protected T Get<T>() where T : notnull => Portal.Services.GetRequiredService<T>();

    /// <summary>Records what arrives on <paramref name="topics"/>, and whether the erasure was committed when it did.</summary>
    protected (List<LiveEvent> Heard, List<bool> Committed) Listen(string userId, params string[] topics)
    {
        var committed = new List<bool>();
        foreach (var topic in topics)
        {
            subscriptions.Add(Get<ILiveBus>().Subscribe(topic, async _ =>
            {
                // What a page reading again on this event finds: the tombstone, or (if published too early) the person.
                await using var db = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync();
                var deleted = await db.Users.Where(u => u.Id == userId).Select(u => u.DeletedAt != null).SingleAsync();
                lock (committed)
                {
                    committed.Add(deleted);
                }
            }));
        }

        return (recorder.ListenTo(topics), committed);
    }

    protected async Task<ReplyView> ReplyAsync(int postId, TestPerson author, string body)
    {
        var result = await Get<ThreadService>().ReplyAsync(postId, null, body, false, author.Viewer, Ct);
        Assert.True(result.Succeeded, $"The reply was not posted: {result.Outcome}.");
        return result.Reply!;
    }

    protected async Task<(int Replies, int Votes)> CountsAsync(int postId)
    {
        await using var db = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await db.Posts.Where(p => p.Id == postId).Select(p => new ValueTuple<int, int>(p.ReplyCount, p.VoteCount)).SingleAsync(Ct);
    }

    /// <summary>What crossed the bus (and would cross Redis), as JSON: the name and the erased words must not be in it.</summary>
    protected static string Wire(IEnumerable<LiveEvent> events) =>
        string.Join("\n", events.Select(e => LiveEventSerializer.Serialize(new LiveMessage("test", e))));

    /// <summary>A customer who registered today: a link-heavy reply of theirs waits for approval.</summary>
    protected async Task<TestPerson> NewCustomerAsync(string name)
    {
        var person = await Portal.AddPersonAsync(Roles.Customer, name, ct: Ct);
        await using var db = await Get<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        await db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CustomerSince, DateTime.UtcNow), Ct);
        return person;
    }

    protected Task VoteAsync(int postId, TestPerson voter) => Get<VoteService>().ToggleAsync(postId, voter.Viewer, Ct);
}

/// <summary><c>PublicContent = Anonymize</c>: the person's replies stay, and open threads show them by "Former customer".</summary>
public abstract class AnonymizingAccountDeletionLiveTests(PortalFactory portal) : AccountDeletionLiveTests(portal, PublicContentOnDeletion.Anonymize)
{
    [Fact]
    public async Task Open_threads_show_the_persons_replies_by_former_customer_with_their_text_and_the_counts_unchanged()
    {
        var name = $"Zelda Quibbleworth{Guid.NewGuid():N}"[..30];
        var zelda = await Portal.AddPersonAsync(Roles.Customer, name, ct: Ct);
        var otto = await Portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ottosIdea = await Portal.ProposeIdeaAsync(otto, ct: Ct);
        var zeldasIdea = await Portal.ProposeIdeaAsync(zelda, ct: Ct);
        var reply = await ReplyAsync(ottosIdea, zelda, "Yes please, by post.");
        await VoteAsync(ottosIdea, zelda);
        var before = await CountsAsync(ottosIdea);
        var (heard, committed) = Listen(zelda.Id, LiveTopics.Post(ottosIdea), LiveTopics.Post(zeldasIdea));

        Assert.True((await Get<AccountDeletion>().DeleteAsync(zelda.Viewer, zelda.Password, [], Ct)).Succeeded);

        var edited = Assert.Single(heard.OfType<ReplyEdited>());
        Assert.Equal((ottosIdea, reply.Id, CareUser.FormerCustomerName, zelda.Id), (edited.PostId, edited.Reply.Id, edited.Reply.Author.DisplayName, edited.Reply.Author.Id));
        Assert.Equal(("Yes please, by post.", (ReplyHiding?)null), (edited.Reply.Body, edited.Reply.Hidden));
        Assert.DoesNotContain(heard, e => e is ReplyHidden or PostRemoved or ReplyAdded or VoteCountChanged);
        Assert.DoesNotContain(name, Wire(heard), StringComparison.Ordinal);
        Assert.All(committed, Assert.True);
        Assert.Equal(before, await CountsAsync(ottosIdea));
        Assert.Equal((1, 1), before);
    }
}

public sealed class SqliteAnonymizingAccountDeletionLiveTests(EmptyPortalFactory portal)
    : AnonymizingAccountDeletionLiveTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresAnonymizingAccountDeletionLiveTests(EmptyPostgresPortalFactory portal)
    : AnonymizingAccountDeletionLiveTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
