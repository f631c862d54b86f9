using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Decisions;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Decisions;

/// <summary>Only product owners and admins decide about ideas; a refusal leaves no trace, a decision is seen live.</summary>
public abstract class IdeaStatusServiceTests(PortalFactory portal) : IDisposable
{
    private readonly TestContent content = new(portal);
    private LiveEventRecorder? recorder;

    private StatusDecisionService Ideas => portal.Services.GetRequiredService<StatusDecisionService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("anonymous", StatusChangeOutcome.NotAllowed)]
    [InlineData("customer", StatusChangeOutcome.NotAllowed)]
    [InlineData("author", StatusChangeOutcome.NotAllowed)]
    [InlineData(Roles.Staff, StatusChangeOutcome.NotAllowed)]
    [InlineData(Roles.ProductOwner, StatusChangeOutcome.Changed)]
    [InlineData(Roles.Admin, StatusChangeOutcome.Changed)]
    public async Task Only_product_owners_and_admins_change_an_ideas_status(string who, StatusChangeOutcome expected)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var viewer = who switch
        {
            "anonymous" => Viewer.Anonymous,
            "customer" => await content.AddPersonAsync(Roles.Customer, Ct),
            "author" => author,
            _ => await content.AddPersonAsync(who, Ct),
        };
        var before = await StateAsync(ideaId);
        var events = Listen(ideaId);

        var result = await Ideas.ChangeStatusAsync(ideaId, PostStatus.Shipped, "Out now.", "App 3.2", viewer, Ct);

        Assert.Equal(expected, result.Outcome);
        var after = await StateAsync(ideaId);
        if (result.Changed)
        {
            Assert.Equal((PostStatus.Shipped, "App 3.2", 1), (after.Status, after.ShippedIn, after.History.Count));
            Assert.Equal((PostStatus.Open, PostStatus.Shipped, viewer.UserId, "Out now."), after.History[0]);
            Assert.Single(events);
        }
        else
        {
            Assert.Equal(before, after with { History = before.History });
            Assert.Empty(after.History);
            Assert.Empty(events);
        }
    }

    [Fact]
    public async Task A_viewer_flagged_product_owner_without_a_user_is_refused()
    {
        var ideaId = await NewIdeaAsync();

        var result = await Ideas.ChangeStatusAsync(ideaId, PostStatus.Planned, null, null, Viewer.Anonymous with { IsProductOwner = true }, Ct);

        Assert.Equal(StatusChangeOutcome.NotAllowed, result.Outcome);
        Assert.Equal(PostStatus.Open, (await StateAsync(ideaId)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task Declining_without_a_reason_is_refused_and_changes_nothing(string? reason)
    {
        var ideaId = await NewIdeaAsync();
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);

        var result = await Ideas.ChangeStatusAsync(ideaId, PostStatus.Declined, reason, null, owner, Ct);

        Assert.Equal(StatusChangeOutcome.ReasonRequired, result.Outcome);
        Assert.Equal("Decision_ReasonRequired", result.MessageKey);
        var state = await StateAsync(ideaId);
        Assert.Equal(PostStatus.Open, state.Status);
        Assert.Empty(state.History);
    }

    [Fact]
    public async Task Declining_with_a_reason_stores_the_trimmed_reason()
    {
        var ideaId = await NewIdeaAsync();
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);

        var result = await Ideas.ChangeStatusAsync(ideaId, PostStatus.Declined, "  Out of scope for this year.  ", null, owner, Ct);

        Assert.Equal(StatusChangeOutcome.Changed, result.Outcome);
        var state = await StateAsync(ideaId);
        Assert.Equal((PostStatus.Open, PostStatus.Declined, owner.UserId, "Out of scope for this year."), Assert.Single(state.History));
    }

    [Fact]
    public async Task Shipping_with_a_release_stores_the_release_and_the_history_row()
    {
        var ideaId = await NewIdeaAsync(PostStatus.InProgress);
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var before = await StateAsync(ideaId);

        var result = await Ideas.ChangeStatusAsync(ideaId, PostStatus.Shipped, null, "  App 3.2 ", owner, Ct);

        Assert.Equal(StatusChangeOutcome.Changed, result.Outcome);
        var after = await StateAsync(ideaId);
        Assert.Equal((PostStatus.Shipped, "App 3.2"), (after.Status, after.ShippedIn));
        Assert.NotEqual(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal((PostStatus.InProgress, PostStatus.Shipped, owner.UserId, (string?)null), Assert.Single(after.History));
    }

    [Fact]
    public async Task Moving_back_from_shipped_clears_the_release()
    {
        var ideaId = await NewIdeaAsync();
        var admin = await content.AddPersonAsync(Roles.Admin, Ct);
        Assert.True((await Ideas.ChangeStatusAsync(ideaId, PostStatus.Shipped, null, "App 3.2", admin, Ct)).Changed);

        var result = await Ideas.ChangeStatusAsync(ideaId, PostStatus.InProgress, "Rolled back: it broke meter photos.", null, admin, Ct);

        Assert.Equal(StatusChangeOutcome.Changed, result.Outcome);
        var state = await StateAsync(ideaId);
        Assert.Equal((PostStatus.InProgress, (string?)null), (state.Status, state.ShippedIn));
        Assert.Equal([PostStatus.Shipped, PostStatus.InProgress], state.History.Select(h => h.To));
    }

    [Fact]
    public async Task Complaints_and_unknown_posts_get_no_idea_status()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var complaintId = await content.AddPostAsync(PostKind.Complaint, customer.UserId!, Ct);
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);

        Assert.Equal(StatusChangeOutcome.NotFound, (await Ideas.ChangeStatusAsync(complaintId, PostStatus.Planned, null, null, owner, Ct)).Outcome);
        Assert.Equal(StatusChangeOutcome.NotFound, (await Ideas.ChangeStatusAsync(int.MaxValue, PostStatus.Planned, null, null, owner, Ct)).Outcome);
        var state = await StateAsync(complaintId);
        Assert.Equal(PostStatus.Open, state.Status);
        Assert.Empty(state.History);
    }

    [Fact]
    public async Task Solved_is_no_status_for_an_idea()
    {
        var ideaId = await NewIdeaAsync();
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);

        var result = await Ideas.ChangeStatusAsync(ideaId, PostStatus.Solved, null, null, owner, Ct);

        Assert.Equal(StatusChangeOutcome.InvalidStatus, result.Outcome);
        Assert.Equal(PostStatus.Open, (await StateAsync(ideaId)).Status);
    }

    [Fact]
    public async Task The_same_status_again_is_refused_as_unchanged()
    {
        var ideaId = await NewIdeaAsync(PostStatus.Planned);
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);

        var result = await Ideas.ChangeStatusAsync(ideaId, PostStatus.Planned, "Still planned.", null, owner, Ct);

        Assert.Equal(StatusChangeOutcome.Unchanged, result.Outcome);
        Assert.Empty((await StateAsync(ideaId)).History);
    }

    [Fact]
    public async Task Overlong_notes_and_releases_and_releases_without_shipping_are_refused()
    {
        var ideaId = await NewIdeaAsync();
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);

        var longNote = new string('n', StatusChange.NoteMaxLength + 1);
        var longRelease = new string('r', Post.ReleaseMaxLength + 1);
        Assert.Equal(StatusChangeOutcome.NoteTooLong, (await Ideas.ChangeStatusAsync(ideaId, PostStatus.Planned, longNote, null, owner, Ct)).Outcome);
        Assert.Equal(StatusChangeOutcome.ReleaseTooLong, (await Ideas.ChangeStatusAsync(ideaId, PostStatus.Shipped, null, longRelease, owner, Ct)).Outcome);
        Assert.Equal(StatusChangeOutcome.ReleaseOnlyWhenShipped, (await Ideas.ChangeStatusAsync(ideaId, PostStatus.Planned, null, "App 3.2", owner, Ct)).Outcome);

        var state = await StateAsync(ideaId);
        Assert.Equal((PostStatus.Open, (string?)null), (state.Status, state.ShippedIn));
        Assert.Empty(state.History);

        var atTheLimit = await Ideas.ChangeStatusAsync(
            ideaId, PostStatus.Shipped, new string('n', StatusChange.NoteMaxLength), new string('r', Post.ReleaseMaxLength), owner, Ct);
        Assert.Equal(StatusChangeOutcome.Changed, atTheLimit.Outcome);
    }

    [Fact]
    public async Task A_decision_is_published_with_the_new_data()
    {
        var ideaId = await NewIdeaAsync(PostStatus.Planned);
        var owner = await content.AddPersonAsync(Roles.ProductOwner, Ct);
        var events = Listen(ideaId);
        var decisions = recorder!.ListenTo(LiveTopics.Decisions);

        await Ideas.ChangeStatusAsync(ideaId, PostStatus.Shipped, " Out now. ", "App 3.2", owner, Ct);

        var published = Assert.IsType<StatusChanged>(Assert.Single(events));
        // The same decision on the decisions topic, for the insights' ideas by status, whichever idea it is.
        Assert.Equal(published with { Topic = LiveTopics.Decisions }, Assert.Single(decisions.OfType<StatusChanged>(), d => d.PostId == ideaId));
        Assert.Equal((ideaId, PostStatus.Planned, PostStatus.Shipped, "Test person", "Out now.", "App 3.2"),
            (published.PostId, published.From, published.To, published.ByName, published.Note, published.ShippedIn));
        Assert.Equal(LiveTopics.Post(ideaId), published.Topic);
        // PostgreSQL keeps microseconds, .NET ticks are finer.
        Assert.Equal((await StateAsync(ideaId)).UpdatedAt, published.OccurredAt, TimeSpan.FromMilliseconds(1));
    }

    public void Dispose()
    {
        recorder?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<int> NewIdeaAsync(PostStatus status = PostStatus.Open)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        return await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct, status: status);
    }

    private List<LiveEvent> Listen(params int[] postIds) =>
        (recorder ??= new(portal.Services.GetRequiredService<ILiveBus>())).Listen(postIds);

    private async Task<IdeaState> StateAsync(int postId)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => new { p.Status, p.ShippedIn, p.UpdatedAt }).SingleAsync(Ct);
        var history = await db.StatusChanges.AsNoTracking().Where(s => s.PostId == postId).OrderBy(s => s.Id)
            .Select(s => new { s.From, s.To, s.ChangedById, s.Note }).ToListAsync(Ct);
        return new(post.Status, post.ShippedIn, post.UpdatedAt, [.. history.Select(h => (h.From, h.To, (string?)h.ChangedById, h.Note))]);
    }

    private sealed record IdeaState(
        PostStatus Status, string? ShippedIn, DateTime UpdatedAt, IReadOnlyList<(PostStatus From, PostStatus To, string? ById, string? Note)> History);
}

public sealed class SqliteIdeaStatusServiceTests(EmptyPortalFactory portal) : IdeaStatusServiceTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresIdeaStatusServiceTests(PostgresPortalFactory portal) : IdeaStatusServiceTests(portal), IClassFixture<PostgresPortalFactory>;
