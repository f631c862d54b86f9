using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Complaints;

/// <summary>
/// A private complaint reaches its customer and the people who work here, and nobody else, on every path
/// a reader has: the page, the complaints list, the board's search, similar ideas and the board's live
/// topic. (The hub's join is refused in LiveHubTests; the desk refuses customers in StaffDeskTests.)
/// </summary>
public abstract class ComplaintPrivacyTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private PostService Posts => portal.Services.GetRequiredService<PostService>();

    private BoardService Board => portal.Services.GetRequiredService<BoardService>();

    private ComplaintService Complaints => portal.Services.GetRequiredService<ComplaintService>();

    private ComplaintIdeaLinkService IdeaLinks => portal.Services.GetRequiredService<ComplaintIdeaLinkService>();

    private ComplaintOwnershipService Ownership => portal.Services.GetRequiredService<ComplaintOwnershipService>();

    private ComplaintResolutionService Resolutions => portal.Services.GetRequiredService<ComplaintResolutionService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_private_complaint_is_seen_by_its_customer_and_staff_and_found_by_nobody_else()
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var other = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var board = recorder.ListenTo(LiveTopics.Board(PostKind.Idea), LiveTopics.Board(PostKind.Complaint));

        var filed = await portal.Services.GetRequiredService<ComplaintService>().FileAsync(
            new($"Rechnung {word} doppelt abgebucht", $"Die Rechnung {word} wurde zweimal abgebucht.", ComplaintMood.Angry, "INV-9", IsPublic: false),
            customer, Ct);
        var id = filed.PostId!.Value;

        Assert.NotNull(await Posts.GetAsync(id, customer, Ct));
        Assert.NotNull(await Posts.GetAsync(id, staff, Ct));
        foreach (var stranger in new[] { other, Viewer.Anonymous })
        {
            Assert.Null(await Posts.GetAsync(id, stranger, Ct));
            Assert.DoesNotContain(id, (await Complaints.ListAsync(stranger, Ct)).Select(c => c.Id));
            Assert.DoesNotContain(id, (await Board.ListAsync(new(BoardSort.New, Search: word), stranger, Ct)).Ideas.Select(i => i.Id));
            Assert.DoesNotContain(id, (await portal.Services.GetRequiredService<IdeaService>().FindSimilarAsync($"Rechnung {word}", stranger, Ct)).Select(i => i.Id));
        }

        Assert.Contains(id, (await Complaints.ListAsync(customer, Ct)).Select(c => c.Id));
        Assert.Empty(board);
    }

    [Fact]
    public async Task Nothing_a_private_complaint_goes_through_is_published_where_other_customers_listen()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var ideaId = await content.AddPostAsync(PostKind.Idea, staff.UserId!, Ct);
        var complaints = portal.Services.GetRequiredService<ComplaintService>();
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        // Everything a customer's page or hub connection may listen to, except this complaint's own page.
        var open = recorder.ListenTo(
            LiveTopics.Board(PostKind.Idea), LiveTopics.Board(PostKind.Complaint), LiveTopics.Post(ideaId), LiveTopics.PostStaff(ideaId));

        var id = (await complaints.FileAsync(new("Charged twice", "Twice in October.", ComplaintMood.Angry, "INV-1", IsPublic: false), customer, Ct)).PostId!.Value;
        Assert.Contains((await Ownership.ClaimAsync(id, staff, ct: Ct)).Outcome, new[] { OwnershipOutcome.Done, OwnershipOutcome.Unchanged });
        Assert.True((await IdeaLinks.LinkIdeaAsync(id, ideaId, staff, Ct)).Succeeded);
        Assert.True((await Resolutions.ProposeAsync(id, "Refunded the second payment.", staff, Ct)).Succeeded);
        Assert.True((await Resolutions.ConfirmAsync(id, customer, Ct)).Succeeded);
        Assert.True((await Resolutions.RateAsync(id, 5, "Thank you.", customer, Ct)).Succeeded);
        Assert.True((await Resolutions.ReopenAsync(id, "It was charged a third time.", customer, Ct)).Succeeded);
        Assert.True((await IdeaLinks.UnlinkIdeaAsync(id, staff, Ct)).Succeeded);

        Assert.Empty(open);
        Assert.Empty(await IdeaLinks.ListComplaintsLinkedToAsync(ideaId, customer, Ct));
    }
}

public sealed class SqliteComplaintPrivacyTests(PortalFactory portal) : ComplaintPrivacyTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresComplaintPrivacyTests(PostgresPortalFactory portal) : ComplaintPrivacyTests(portal), IClassFixture<PostgresPortalFactory>;
