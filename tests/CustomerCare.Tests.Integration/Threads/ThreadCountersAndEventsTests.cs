using System.Text.Json;
using AngleSharp.Html.Parser;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Threads;

/// <summary>Public replies move the post's counters exactly; events carry the reply, and internal notes only reach staff.</summary>
public abstract class ThreadCountersAndEventsTests(PortalFactory portal) : IDisposable
{
    private readonly TestContent content = new(portal);
    private readonly LiveEventRecorder recorder = new(portal.Services.GetRequiredService<ILiveBus>());

    private ThreadService Threads => portal.Services.GetRequiredService<ThreadService>();

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Public_replies_and_answers_count_and_weigh_exactly_while_internal_notes_do_not()
    {
        var (customer, staff) = (await content.AddPersonAsync(Roles.Customer, Ct), await content.AddPersonAsync(Roles.Staff, Ct));
        var ideaId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        var events = recorder.ListenTo(LiveTopics.Post(ideaId), LiveTopics.PostStaff(ideaId));

        var top = (await Threads.ReplyAsync(ideaId, null, "Please!", false, customer, Ct)).Reply!;
        await Threads.ReplyAsync(ideaId, null, "Duplicate of 12?", true, staff, Ct);
        var (countAfterNote, weightAfterNote) = await CountersAsync(ideaId);
        await Threads.ReplyAsync(ideaId, top.Id, "We are on it.", false, staff, Ct);
        await Threads.ReplyAsync(ideaId, top.Id, "Asked billing.", true, staff, Ct);

        var (count, weight) = await CountersAsync(ideaId);
        Assert.Equal(1, countAfterNote);
        AssertClose(Post.TrendWeightAt(top.CreatedAt), weightAfterNote);
        Assert.Equal(2, count);

        // The demo seeder's rule, recomputed from the rows: the sum over public replies of their weight.
        AssertClose(await PublicRowWeightAsync(ideaId), weight);
        Assert.Equal([1, 1, 2, 2], events.OfType<ReplyAdded>().Select(e => e.ReplyCount));
    }

    [Fact]
    public async Task Fifty_people_replying_at_once_leave_fifty_replies_counted_once_each()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var people = await content.AddUsersAsync(50, Roles.Customer, Ct);
        var events = recorder.Listen(ideaId);

        var results = await Task.WhenAll(people.Select(id => Task.Run(
            () => Threads.ReplyAsync(ideaId, null, $"Reply by {id}", false, TestContent.ViewerFor(Roles.Customer, id), Ct), Ct)));

        Assert.All(results, r => Assert.Equal(ThreadOutcome.Posted, r.Outcome));
        var (count, weight) = await CountersAsync(ideaId);
        Assert.Equal(50, count);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            Assert.Equal(50, await db.Replies.CountAsync(r => r.PostId == ideaId, Ct));
        }

        // Each reply saw the count it produced: the increments were serialized, none lost or doubled.
        Assert.Equal(Enumerable.Range(1, 50), events.OfType<ReplyAdded>().Select(e => e.ReplyCount).Order());
        AssertClose(await PublicRowWeightAsync(ideaId), weight);
    }

    [Fact]
    public async Task A_public_reply_goes_to_the_posts_topic_with_everything_a_page_shows()
    {
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        var publicEvents = recorder.Listen(ideaId);
        var staffEvents = recorder.ListenTo(LiveTopics.PostStaff(ideaId));

        var posted = await Threads.ReplyAsync(ideaId, null, "  **Thanks**, planned for May.  ", false, staff, Ct);
        var edited = await Threads.EditAsync(posted.Reply!.Id, "**Thanks**, planned for June.", staff, Ct);

        Assert.Empty(staffEvents);
        var added = Assert.IsType<ReplyAdded>(publicEvents[0]);
        Assert.Equal((ideaId, 1, LiveTopics.Post(ideaId)), (added.PostId, added.ReplyCount, added.Topic));
        Assert.Equal(("**Thanks**, planned for May.", "Test person", true, false), (added.Reply.Body, added.Reply.Author.DisplayName, added.Reply.Author.IsStaff, added.Reply.IsInternalNote));
        Assert.Equal(posted.Reply, added.Reply);
        var changed = Assert.IsType<ReplyEdited>(publicEvents[1]);
        Assert.Equal(("**Thanks**, planned for June.", posted.Reply.Id), (changed.Reply.Body, changed.Reply.Id));
        Assert.NotNull(changed.Reply.EditedAt);
        Assert.Equal(edited.Reply, changed.Reply);

        // The events will travel between servers as JSON; they must come back whole.
        Assert.Equal(added, JsonSerializer.Deserialize<ReplyAdded>(JsonSerializer.Serialize(added)));
        Assert.Equal(changed, JsonSerializer.Deserialize<ReplyEdited>(JsonSerializer.Serialize(changed)));
    }

    [Fact]
    public async Task An_internal_note_goes_only_to_the_staff_topic()
    {
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var complaintId = await content.AddPostAsync(PostKind.Complaint, customer.UserId!, Ct, isPublic: false);
        var top = (await Threads.ReplyAsync(complaintId, null, "Where is my refund?", false, customer, Ct)).Reply!;
        var publicEvents = recorder.Listen(complaintId);
        var staffEvents = recorder.ListenTo(LiveTopics.PostStaff(complaintId));

        var note = await Threads.ReplyAsync(complaintId, null, "Customer is VIP, refund today.", true, staff, Ct);
        var answer = await Threads.ReplyAsync(complaintId, top.Id, "Billing confirmed.", true, staff, Ct);
        await Threads.EditAsync(note.Reply!.Id, "Customer is VIP, refund by Friday.", staff, Ct);

        Assert.Empty(publicEvents);
        Assert.Equal(3, staffEvents.Count);
        Assert.All(staffEvents, e => Assert.Equal(LiveTopics.PostStaff(complaintId), e.Topic));
        Assert.Equal([note.Reply.Id, answer.Reply!.Id], staffEvents.OfType<ReplyAdded>().Select(e => e.Reply.Id));
        Assert.Equal(1, staffEvents.OfType<ReplyAdded>().First().ReplyCount);
    }

    [Fact]
    public async Task Attacks_in_a_reply_reach_the_page_inert()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);
        foreach (var payload in XssCorpus.Payloads)
        {
            // A customer of their own per attack: one customer's replies stop at their reply limit (RateLimits:Replies).
            var attacker = await content.AddPersonAsync(Roles.Customer, Ct);
            Assert.Equal(ThreadOutcome.Posted, (await Threads.ReplyAsync(ideaId, null, payload, false, attacker, Ct)).Outcome);
        }

        using var client = portal.CreateClient();
        var html = await client.GetStringAsync(new Uri($"/posts/{ideaId}", UriKind.Relative), Ct);

        var replies = new HtmlParser().ParseDocument(html).QuerySelectorAll("[data-testid=reply] .cc-markdown");
        Assert.Equal(XssCorpus.Payloads.Count, replies.Length);
        Assert.All(replies, XssCorpus.AssertInert);
        Assert.Contains(replies, r => r.TextContent.Contains("in code is fine", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        recorder.Dispose();
        GC.SuppressFinalize(this);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(Math.Abs(expected), 1e-300), $"Expected {expected:R}, got {actual:R}.");

    private async Task<(int Count, double Weight)> CountersAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = await db.Posts.Where(p => p.Id == postId).Select(p => new { p.ReplyCount, p.TrendWeight }).SingleAsync(Ct);
        return (post.ReplyCount, post.TrendWeight);
    }

    private async Task<double> PublicRowWeightAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var times = await db.Replies.Where(r => r.PostId == postId && !r.IsInternalNote).Select(r => r.CreatedAt).ToListAsync(Ct);
        return times.Sum(Post.TrendWeightAt);
    }
}

public sealed class SqliteThreadCountersAndEventsTests(EmptyPortalFactory portal)
    : ThreadCountersAndEventsTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresThreadCountersAndEventsTests(PostgresPortalFactory portal)
    : ThreadCountersAndEventsTests(portal), IClassFixture<PostgresPortalFactory>;
