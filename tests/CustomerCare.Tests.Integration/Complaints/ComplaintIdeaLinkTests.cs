using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Complaints;

/// <summary>"From complaint to improvement": staff link a complaint to an idea; only the complaint's readers learn of it.</summary>
public abstract class ComplaintIdeaLinkTests(PortalFactory portal)
{
    private const string PrivateText = "My contract 4711-XY was billed twice, see my bank statement.";

    private readonly TestContent content = new(portal);

    private ComplaintService Complaints => portal.Services.GetRequiredService<ComplaintService>();

    private PostService Posts => portal.Services.GetRequiredService<PostService>();

    private ComplaintIdeaLinkService IdeaLinks => portal.Services.GetRequiredService<ComplaintIdeaLinkService>();

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_link_a_complaint_to_an_idea_and_the_customer_sees_it_live_and_on_the_page()
    {
        var (id, customer) = await FileAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var idea = await content.AddPostAsync(PostKind.Idea, (await content.AddPersonAsync(Roles.Customer, Ct)).UserId!, Ct);
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var onComplaint = recorder.Listen(id);

        var result = await IdeaLinks.LinkIdeaAsync(id, idea, staff, Ct);

        Assert.Equal(IdeaLinkOutcome.Linked, result.Outcome);
        Assert.Equal((idea, staff.UserId), await LinkAsync(id));
        var shown = (await Complaints.GetDetailsAsync(id, customer, Ct))!.LinkedIdea;
        Assert.NotNull(shown);
        Assert.Equal((idea, PostStatus.Open), (shown.Id, shown.Status));
        var live = Assert.Single(onComplaint.OfType<ComplaintIdeaLinked>());
        Assert.Equal(shown, live.Idea);
        Assert.Equal(IdeaLinkOutcome.Unchanged, (await IdeaLinks.LinkIdeaAsync(id, idea, staff, Ct)).Outcome);
        Assert.Equal([AuditAction.IdeaLinked], await AuditAsync(id));
    }

    [Fact]
    public async Task The_customer_follows_the_idea_to_shipped_with_its_release_and_votes()
    {
        var (id, customer) = await FileAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var idea = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct, status: PostStatus.Shipped);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == idea).ExecuteUpdateAsync(s => s.SetProperty(p => p.ShippedIn, "App 3.2").SetProperty(p => p.VoteCount, 7), Ct);
        }

        await IdeaLinks.LinkIdeaAsync(id, idea, staff, Ct);

        var shown = (await Complaints.GetDetailsAsync(id, customer, Ct))!.LinkedIdea!;
        Assert.Equal((PostStatus.Shipped, "App 3.2", 7), (shown.Status, shown.ShippedIn, shown.VoteCount));
    }

    [Theory]
    [InlineData("anonymous", IdeaLinkOutcome.SignInRequired)]
    [InlineData(Roles.Customer, IdeaLinkOutcome.NotAllowed)]
    [InlineData("author", IdeaLinkOutcome.NotAllowed)]
    public async Task Customers_and_visitors_cannot_link_unlink_or_create_and_nothing_changes(string who, IdeaLinkOutcome expected)
    {
        var (id, author) = await FileAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var first = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct);
        var second = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct);
        await IdeaLinks.LinkIdeaAsync(id, first, staff, Ct);
        var viewer = who switch
        {
            "anonymous" => Viewer.Anonymous,
            "author" => author,
            _ => await content.AddPersonAsync(who, Ct),
        };
        var ideasBefore = await IdeaCountAsync();

        Assert.Equal(expected, (await IdeaLinks.LinkIdeaAsync(id, second, viewer, Ct)).Outcome);
        Assert.Equal(expected, (await IdeaLinks.UnlinkIdeaAsync(id, viewer, Ct)).Outcome);
        Assert.Equal(expected, (await IdeaLinks.CreateIdeaFromComplaintAsync(id, new("Refund double charges", "Automatically.", null), viewer, Ct)).Outcome);

        Assert.Equal((first, staff.UserId), await LinkAsync(id));
        Assert.Equal(ideasBefore, await IdeaCountAsync());
        Assert.Equal([AuditAction.IdeaLinked], await AuditAsync(id));
    }

    [Fact]
    public async Task Only_a_visible_idea_can_be_the_target_and_only_an_existing_complaint_is_linked()
    {
        var (id, _) = await FileAsync();
        var (otherComplaint, _) = await FileAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var removed = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct);
        var hidden = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct, isPublic: false);
        var idea = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct);
        var (removedComplaint, _) = await FileAsync();
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == removed || p.Id == removedComplaint)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.RemovedAt, DateTime.UtcNow), Ct);
        }

        Assert.Equal(IdeaLinkOutcome.IdeaNotFound, (await IdeaLinks.LinkIdeaAsync(id, removed, staff, Ct)).Outcome);
        Assert.Equal(IdeaLinkOutcome.IdeaNotFound, (await IdeaLinks.LinkIdeaAsync(id, hidden, staff, Ct)).Outcome);
        Assert.Equal(IdeaLinkOutcome.IdeaNotFound, (await IdeaLinks.LinkIdeaAsync(id, otherComplaint, staff, Ct)).Outcome);
        Assert.Equal(IdeaLinkOutcome.IdeaNotFound, (await IdeaLinks.LinkIdeaAsync(id, int.MaxValue, staff, Ct)).Outcome);
        Assert.Equal(IdeaLinkOutcome.NotFound, (await IdeaLinks.LinkIdeaAsync(removedComplaint, idea, staff, Ct)).Outcome);
        Assert.Equal(IdeaLinkOutcome.NotFound, (await IdeaLinks.LinkIdeaAsync(idea, idea, staff, Ct)).Outcome);

        Assert.Equal((null, null), await LinkAsync(id));
        Assert.Equal((null, null), await LinkAsync(removedComplaint));
        Assert.Empty(await AuditAsync(id));
    }

    [Fact]
    public async Task Linking_to_a_merged_duplicate_links_the_idea_it_was_merged_into()
    {
        var (id, customer) = await FileAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var original = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct);
        var duplicate = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct);
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == duplicate).ExecuteUpdateAsync(s => s.SetProperty(p => p.MergedIntoId, original), Ct);
        }

        var result = await IdeaLinks.LinkIdeaAsync(id, duplicate, staff, Ct);

        Assert.Equal((IdeaLinkOutcome.Linked, original), (result.Outcome, result.Idea!.Id));
        Assert.Equal((original, staff.UserId), await LinkAsync(id));
        Assert.Equal(original, (await Complaints.GetDetailsAsync(id, customer, Ct))!.LinkedIdea!.Id);
    }

    [Fact]
    public async Task Relinking_replaces_the_link_and_unlinking_removes_it_for_the_open_page_too()
    {
        var (id, customer) = await FileAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var first = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct);
        var second = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct);
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var onComplaint = recorder.Listen(id);

        await IdeaLinks.LinkIdeaAsync(id, first, staff, Ct);
        Assert.Equal(IdeaLinkOutcome.Linked, (await IdeaLinks.LinkIdeaAsync(id, second, staff, Ct)).Outcome);
        Assert.Equal(second, (await LinkAsync(id)).IdeaId);

        Assert.Equal(IdeaLinkOutcome.Unlinked, (await IdeaLinks.UnlinkIdeaAsync(id, staff, Ct)).Outcome);
        Assert.Equal(IdeaLinkOutcome.Unchanged, (await IdeaLinks.UnlinkIdeaAsync(id, staff, Ct)).Outcome);

        Assert.Equal((null, null), await LinkAsync(id));
        Assert.Null((await Complaints.GetDetailsAsync(id, customer, Ct))!.LinkedIdea);
        Assert.Equal([first, second, null], onComplaint.OfType<ComplaintIdeaLinked>().Select(e => e.Idea?.Id));
        Assert.Equal([AuditAction.IdeaLinked, AuditAction.IdeaLinked, AuditAction.IdeaUnlinked], await AuditAsync(id));
    }

    [Fact]
    public async Task Staff_create_an_idea_from_a_complaint_in_their_own_name_and_words_and_it_is_linked()
    {
        var (id, customer) = await FileAsync();
        var staff = await content.AddPersonAsync(Roles.ProductOwner, Ct);

        var invalid = await IdeaLinks.CreateIdeaFromComplaintAsync(id, new("Refund double charges automatically", "  ", null), staff, Ct);
        Assert.Equal(IdeaLinkOutcome.Invalid, invalid.Outcome);
        Assert.Contains(nameof(Web.Features.Ideas.ProposeIdea.Body), invalid.Errors!.Keys);
        Assert.Equal((null, null), await LinkAsync(id));

        var result = await IdeaLinks.CreateIdeaFromComplaintAsync(
            id, new("Refund double charges automatically", "Detect a second charge and refund it the same day.", null), staff, Ct);

        Assert.Equal(IdeaLinkOutcome.Linked, result.Outcome);
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var idea = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == result.Idea!.Id, Ct);
        Assert.Equal((PostKind.Idea, staff.UserId, true), (idea.Kind, idea.AuthorId, idea.IsPublic));
        Assert.Equal(("Refund double charges automatically", "Detect a second charge and refund it the same day."), (idea.Title, idea.Body));
        Assert.Equal((idea.Id, staff.UserId), await LinkAsync(id));
        Assert.Equal(idea.Id, (await Complaints.GetDetailsAsync(id, customer, Ct))!.LinkedIdea!.Id);
        Assert.DoesNotContain(db.Posts.Where(p => p.Kind == PostKind.Idea).Select(p => p.Body), b => b.Contains("4711-XY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_customers_never_reach_the_private_complaint_through_its_idea()
    {
        var (id, author) = await FileAsync();
        var stranger = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var idea = await content.AddPostAsync(PostKind.Idea, stranger.UserId!, Ct);
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var onIdea = recorder.ListenTo(LiveTopics.Post(idea), LiveTopics.Board(PostKind.Idea), LiveTopics.Board(PostKind.Complaint));

        await IdeaLinks.LinkIdeaAsync(id, idea, staff, Ct);

        var linked = Assert.Single(await IdeaLinks.ListComplaintsLinkedToAsync(idea, staff, Ct));
        Assert.Equal(("Parcel never arrived", PostStatus.Open), (linked.Title, linked.Status));
        foreach (var reader in new[] { stranger, author, Viewer.Anonymous })
        {
            Assert.Empty(await IdeaLinks.ListComplaintsLinkedToAsync(idea, reader, Ct));
            Assert.NotNull(await Posts.GetAsync(idea, reader, Ct));
            Assert.Null(await Complaints.GetDetailsAsync(idea, reader, Ct));
        }

        Assert.Null(await Posts.GetAsync(id, stranger, Ct));
        Assert.Empty(onIdea);
    }

    private async Task<(int Id, Viewer Customer)> FileAsync()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var result = await Complaints.FileAsync(new("Parcel never arrived", PrivateText, ComplaintMood.Angry, null, false), customer, Ct);
        return (result.PostId!.Value, customer);
    }

    private async Task<(int? IdeaId, string? ById)> LinkAsync(int id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var row = await db.Posts.Where(p => p.Id == id).Select(p => new { p.LinkedIdeaId, p.LinkedIdeaById }).SingleAsync(Ct);
        return (row.LinkedIdeaId, row.LinkedIdeaById);
    }

    private async Task<List<AuditAction>> AuditAsync(int id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.AuditEntries.Where(a => a.PostId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct);
    }

    private async Task<int> IdeaCountAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        return await db.Posts.CountAsync(p => p.Kind == PostKind.Idea, Ct);
    }
}

public sealed class SqliteComplaintIdeaLinkTests(PortalFactory portal) : ComplaintIdeaLinkTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresComplaintIdeaLinkTests(PostgresPortalFactory portal) : ComplaintIdeaLinkTests(portal), IClassFixture<PostgresPortalFactory>;
