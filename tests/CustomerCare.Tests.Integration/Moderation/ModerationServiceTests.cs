using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Moderation;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Roadmap;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Moderation;

/// <summary>Who may edit, remove, restore and read the audit trail; every refusal leaves the post and the trail as they were.</summary>
public abstract class ModerationServiceTests(PortalFactory portal) : IDisposable
{
    private const string NewTitle = "Read the meter by photo";
    private const string NewBody = "Point the camera at the meter and the app reads it.";

    private readonly TestContent content = new(portal);
    private LiveEventRecorder? recorder;

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, bool> Matrix()
    {
        var rows = new TheoryData<string, string, bool>();
        foreach (var action in new[] { "edit", "remove", "restore", "audit" })
        {
            rows.Add(action, "anonymous", false);
            rows.Add(action, "customer", false);
            rows.Add(action, "author", action == "edit");
            rows.Add(action, Roles.Staff, true);
            rows.Add(action, Roles.ProductOwner, true);
            rows.Add(action, Roles.Admin, true);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_the_author_in_the_window_and_people_who_work_here_moderate(string action, string who, bool allowed)
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        if (action == "restore")
        {
            var admin = await content.AddPersonAsync(Roles.Admin, Ct);
            var setup = await ModerationAtAsync(ideaId, TimeSpan.FromMinutes(1));
            Assert.True((await setup.RemoveAsync(ideaId, "Spam.", admin, Ct)).Succeeded);
        }

        var viewer = who switch
        {
            "anonymous" => Viewer.Anonymous,
            "customer" => await content.AddPersonAsync(Roles.Customer, Ct),
            "author" => author,
            _ => await content.AddPersonAsync(who, Ct),
        };
        var moderation = await ModerationAtAsync(ideaId, TimeSpan.FromMinutes(1));
        var before = await StateAsync(ideaId);
        var events = Listen(ideaId);

        if (action == "audit")
        {
            if (allowed)
            {
                Assert.Empty(await moderation.ListAuditAsync(ideaId, viewer, Ct));
            }
            else
            {
                await Assert.ThrowsAsync<UnauthorizedAccessException>(() => moderation.ListAuditAsync(ideaId, viewer, Ct));
            }

            return;
        }

        var result = action switch
        {
            "edit" => await moderation.EditAsync(ideaId, NewTitle, NewBody, null, viewer, Ct),
            "remove" => await moderation.RemoveAsync(ideaId, "Off topic.", viewer, Ct),
            _ => await moderation.RestoreAsync(ideaId, null, viewer, Ct),
        };

        Assert.Equal(allowed ? ModerationOutcome.Done : ModerationOutcome.NotAllowed, result.Outcome);
        var after = await StateAsync(ideaId);
        if (allowed)
        {
            Assert.Equal(before.Audit.Count + 1, after.Audit.Count);
            Assert.Equal(viewer.UserId, after.Audit[^1].ActorId);
            Assert.Single(events);
        }
        else
        {
            AssertUnchanged(before, after);
            Assert.Empty(events);
        }
    }

    [Theory]
    [InlineData(29, ModerationOutcome.Done)]
    [InlineData(31, ModerationOutcome.EditWindowClosed)]
    public async Task The_author_may_edit_for_thirty_minutes(int minutes, ModerationOutcome expected)
    {
        var (author, ideaId) = await NewIdeaAsync();
        var moderation = await ModerationAtAsync(ideaId, TimeSpan.FromMinutes(minutes));
        var before = await StateAsync(ideaId);

        var result = await moderation.EditAsync(ideaId, NewTitle, NewBody, null, author, Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(minutes < 30, (await moderation.GetEditAccessAsync(ideaId, author, Ct)).MayEdit);
        var after = await StateAsync(ideaId);
        Assert.Equal(expected == ModerationOutcome.Done ? NewTitle : before.Title, after.Title);
    }

    [Fact]
    public async Task A_public_staff_reply_closes_the_authors_window_at_once()
    {
        var (author, ideaId) = await NewIdeaAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        await content.AddReplyAsync(ideaId, staff.UserId!, "Thanks, we look into it.", internalNote: false, Ct);
        var moderation = await ModerationAtAsync(ideaId, TimeSpan.FromMinutes(2));
        var before = await StateAsync(ideaId);

        var result = await moderation.EditAsync(ideaId, NewTitle, NewBody, null, author, Ct);

        Assert.Equal(ModerationOutcome.EditWindowClosed, result.Outcome);
        Assert.Equal("Moderation_EditWindowClosed", result.MessageKey);
        Assert.False((await moderation.GetEditAccessAsync(ideaId, author, Ct)).MayEdit);
        AssertUnchanged(before, await StateAsync(ideaId));
        Assert.Equal(ModerationOutcome.Done, (await moderation.EditAsync(ideaId, NewTitle, NewBody, null, staff, Ct)).Outcome);
    }

    [Fact]
    public async Task An_internal_note_or_a_customer_reply_leaves_the_window_open()
    {
        var (author, ideaId) = await NewIdeaAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        await content.AddReplyAsync(ideaId, staff.UserId!, "Duplicate of the photo idea?", internalNote: true, Ct);
        await content.AddReplyAsync(ideaId, customer.UserId!, "Yes please!", internalNote: false, Ct);
        var moderation = await ModerationAtAsync(ideaId, TimeSpan.FromMinutes(2));

        var result = await moderation.EditAsync(ideaId, NewTitle, NewBody, null, author, Ct);

        Assert.Equal(ModerationOutcome.Done, result.Outcome);
        Assert.Equal(NewTitle, (await StateAsync(ideaId)).Title);
    }

    [Fact]
    public async Task Every_edit_keeps_the_previous_text_in_the_audit_trail()
    {
        var (author, ideaId) = await NewIdeaAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var original = await StateAsync(ideaId);
        var moderation = await ModerationAtAsync(ideaId, TimeSpan.FromMinutes(5));
        var events = Listen(ideaId);

        Assert.True((await moderation.EditAsync(ideaId, $"  {NewTitle}  ", NewBody, null, author, Ct)).Succeeded);
        Assert.True((await moderation.EditAsync(ideaId, "Read the meter by camera", "Shorter.", null, staff, Ct)).Succeeded);

        var state = await StateAsync(ideaId);
        Assert.Equal(("Read the meter by camera", "Shorter."), (state.Title, state.Body));
        Assert.Equal([AuditAction.Edited, AuditAction.Edited], state.Audit.Select(a => a.Action));
        Assert.Equal($"{original.Title}\n\n{original.Body}", state.Audit[0].Details);
        Assert.Equal($"{NewTitle}\n\n{NewBody}", state.Audit[1].Details);
        Assert.Equal([author.UserId, staff.UserId], state.Audit.Select(a => a.ActorId));
        var trail = await moderation.ListAuditAsync(ideaId, staff, Ct);
        Assert.Equal(2, trail.Count);
        Assert.Equal("Test person", trail[0].ActorName);
        var published = Assert.IsType<PostEdited>(events[^1]);
        Assert.Equal((ideaId, "Read the meter by camera", "Shorter."), (published.PostId, published.Title, published.Body));
        Assert.NotNull((await portal.Services.GetRequiredService<PostService>().GetAsync(ideaId, Viewer.Anonymous, Ct))!.EditedAt);
    }

    [Fact]
    public async Task An_overlong_previous_text_is_cut_to_fit_the_audit_row()
    {
        var (_, ideaId) = await NewIdeaAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var moderation = await ModerationAtAsync(ideaId, TimeSpan.Zero);
        Assert.True((await moderation.EditAsync(ideaId, NewTitle, new string('b', Post.BodyMaxLength), null, staff, Ct)).Succeeded);

        Assert.True((await moderation.EditAsync(ideaId, NewTitle, NewBody, null, staff, Ct)).Succeeded);

        Assert.Equal(AuditEntry.DetailsMaxLength, (await StateAsync(ideaId)).Audit[^1].Details!.Length);
    }

    [Theory]
    [InlineData("Tiny", NewBody, nameof(Post.Title))]
    [InlineData(NewTitle, "   ", nameof(Post.Body))]
    [InlineData(NewTitle, null, nameof(Post.Body))]
    [InlineData(NewTitle, NewBody, nameof(Post.CategoryId))]
    public async Task Invalid_edits_are_refused_at_their_field_and_change_nothing(string title, string? body, string field)
    {
        var (author, ideaId) = await NewIdeaAsync();
        body ??= new string('b', Post.BodyMaxLength + 1);
        int? category = field == nameof(Post.CategoryId) ? int.MaxValue : null;
        var moderation = await ModerationAtAsync(ideaId, TimeSpan.FromMinutes(1));
        var before = await StateAsync(ideaId);

        var result = await moderation.EditAsync(ideaId, title, body, category, author, Ct);

        Assert.Equal(ModerationOutcome.Invalid, result.Outcome);
        Assert.Equal([field], result.Errors.Keys);
        AssertUnchanged(before, await StateAsync(ideaId));
    }

    [Theory]
    [InlineData(null, ModerationOutcome.ReasonRequired)]
    [InlineData("  ", ModerationOutcome.ReasonRequired)]
    [InlineData("long", ModerationOutcome.ReasonTooLong)]
    public async Task Removing_needs_a_reason_that_fits(string? reason, ModerationOutcome expected)
    {
        var (_, ideaId) = await NewIdeaAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var moderation = await ModerationAtAsync(ideaId, TimeSpan.Zero);
        var before = await StateAsync(ideaId);
        var events = Listen(ideaId);

        var result = await moderation.RemoveAsync(ideaId, reason == "long" ? new string('r', Post.RemovalReasonMaxLength + 1) : reason!, staff, Ct);

        Assert.Equal(expected, result.Outcome);
        AssertUnchanged(before, await StateAsync(ideaId));
        Assert.Empty(events);
    }

    [Fact]
    public async Task A_removed_idea_is_gone_for_customers_and_visitors_but_not_for_staff_until_restored()
    {
        var (author, ideaId) = await NewIdeaAsync();
        await content.SetStatusAsync(ideaId, PostStatus.Shipped, Ct);
        var title = (await StateAsync(ideaId)).Title;
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var moderation = await ModerationAtAsync(ideaId, TimeSpan.FromHours(2));
        var events = Listen(ideaId);
        Assert.True(await SeenEverywhereAsync(ideaId, title, customer));

        var removed = await moderation.RemoveAsync(ideaId, "  Spam link.  ", staff, Ct);

        Assert.Equal(ModerationOutcome.Done, removed.Outcome);
        Assert.IsType<PostRemoved>(Assert.Single(events));
        foreach (var viewer in new[] { customer, author, Viewer.Anonymous })
        {
            Assert.Null(await Posts.GetAsync(ideaId, viewer, Ct));
        }

        Assert.False(await SeenAnywhereAsync(ideaId, title, customer));
        Assert.False(await SeenAnywhereAsync(ideaId, title, staff));
        var staffView = await Posts.GetAsync(ideaId, staff, Ct);
        Assert.Equal(("Test person", "Spam link."), (staffView!.Removal!.ByName, staffView.Removal.Reason));
        Assert.Equal(ModerationOutcome.NotFound, (await moderation.EditAsync(ideaId, NewTitle, NewBody, null, author, Ct)).Outcome);
        Assert.Equal(ModerationOutcome.Unchanged, (await moderation.RemoveAsync(ideaId, "Again.", staff, Ct)).Outcome);

        var restored = await moderation.RestoreAsync(ideaId, "Was fine after all.", staff, Ct);

        Assert.Equal(ModerationOutcome.Done, restored.Outcome);
        Assert.Equal([typeof(PostRemoved), typeof(PostRestored)], events.Select(e => e.GetType()));
        Assert.True(await SeenEverywhereAsync(ideaId, title, customer));
        Assert.Null((await Posts.GetAsync(ideaId, staff, Ct))!.Removal);
        var trail = await moderation.ListAuditAsync(ideaId, staff, Ct);
        Assert.Equal([(AuditAction.Removed, "Spam link."), (AuditAction.Restored, "Was fine after all.")], trail.Select(a => (a.Action, a.Reason)));
        Assert.Equal(ModerationOutcome.Unchanged, (await moderation.RestoreAsync(ideaId, null, staff, Ct)).Outcome);
    }

    public void Dispose()
    {
        recorder?.Dispose();
        GC.SuppressFinalize(this);
    }

    private PostService Posts => portal.Services.GetRequiredService<PostService>();

    private BoardService Board => portal.Services.GetRequiredService<BoardService>();

    private async Task<bool> SeenEverywhereAsync(int ideaId, string title, Viewer customer)
    {
        var visible = await VisibilityAsync(ideaId, title, customer);
        return visible.All(v => v);
    }

    private async Task<bool> SeenAnywhereAsync(int ideaId, string title, Viewer viewer)
    {
        var visible = await VisibilityAsync(ideaId, title, viewer);
        return visible.Any(v => v);
    }

    // The board (newest first: the test's idea is the newest), the changelog and the similar ideas.
    private async Task<bool[]> VisibilityAsync(int ideaId, string title, Viewer viewer)
    {
        var board = await Board.ListAsync(new BoardQuery(BoardSort.New), viewer, Ct);
        var changelog = await portal.Services.GetRequiredService<ChangelogService>().ListAsync(Ct);
        var similar = await portal.Services.GetRequiredService<IdeaService>().FindSimilarAsync(title, viewer, Ct);
        return
        [
            board.Ideas.Any(i => i.Id == ideaId),
            changelog.SelectMany(r => r.Ideas).Any(i => i.PostId == ideaId),
            similar.Any(i => i.Id == ideaId),
        ];
    }

    private async Task<(Viewer Author, int IdeaId)> NewIdeaAsync()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        return (author, await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct));
    }

    /// <summary>A service whose clock stands <paramref name="sinceCreated"/> after the idea was posted.</summary>
    private async Task<ModerationService> ModerationAtAsync(int ideaId, TimeSpan sinceCreated)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var created = await db.Posts.Where(p => p.Id == ideaId).Select(p => p.CreatedAt).SingleAsync(Ct);
        return new ModerationService(
            Dbs, portal.Services.GetRequiredService<ILiveBus>(), new ManualTime(created + sinceCreated),
            portal.Services.GetRequiredService<CustomerCare.Web.Features.Notifications.NotificationService>());
    }

    private List<LiveEvent> Listen(params int[] postIds) =>
        (recorder ??= new(portal.Services.GetRequiredService<ILiveBus>())).Listen(postIds);

    private async Task<PostState> StateAsync(int postId)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == postId)
            .Select(p => new { p.Title, p.Body, p.CategoryId, p.UpdatedAt, p.RemovedAt, p.RemovedById, p.RemovalReason }).SingleAsync(Ct);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.PostId == postId).OrderBy(a => a.Id)
            .Select(a => new AuditRow(a.Action, a.ActorId, a.Reason, a.Details)).ToListAsync(Ct);
        return new(post.Title, post.Body, post.CategoryId, post.UpdatedAt, post.RemovedAt, post.RemovedById, post.RemovalReason, audit);
    }

    // "Changes nothing" covers the audit table too.
    private static void AssertUnchanged(PostState before, PostState after)
    {
        Assert.Equal(before, after with { Audit = before.Audit });
        Assert.Equal(before.Audit, after.Audit);
    }

    private sealed record AuditRow(AuditAction Action, string ActorId, string? Reason, string? Details);

    private sealed record PostState(
        string Title, string Body, int? CategoryId, DateTime UpdatedAt, DateTime? RemovedAt, string? RemovedById, string? RemovalReason,
        IReadOnlyList<AuditRow> Audit);

}

public sealed class SqliteModerationServiceTests(EmptyPortalFactory portal) : ModerationServiceTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresModerationServiceTests(PostgresPortalFactory portal) : ModerationServiceTests(portal), IClassFixture<PostgresPortalFactory>;
