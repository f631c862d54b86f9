using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Complaints;

/// <summary>Taking over and handing over complaints: who may, what is written, what the customer sees live.</summary>
public abstract class ComplaintOwnershipTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private ComplaintService Complaints => portal.Services.GetRequiredService<ComplaintService>();

    private PostService Posts => portal.Services.GetRequiredService<PostService>();

    private ComplaintOwnershipService Ownership => portal.Services.GetRequiredService<ComplaintOwnershipService>();

    private IDbContextFactory<CareDb> Dbs => portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("anonymous", OwnershipOutcome.SignInRequired)]
    [InlineData(Roles.Customer, OwnershipOutcome.NotAllowed)]
    [InlineData("author", OwnershipOutcome.NotAllowed)]
    [InlineData(Roles.Staff, OwnershipOutcome.Done)]
    [InlineData(Roles.ProductOwner, OwnershipOutcome.Done)]
    [InlineData(Roles.Admin, OwnershipOutcome.Done)]
    public async Task Only_people_who_work_here_take_over_a_complaint_and_a_refusal_changes_nothing(string who, OwnershipOutcome expected)
    {
        var (id, author) = await FileAsync();
        var viewer = who switch
        {
            "anonymous" => Viewer.Anonymous,
            "author" => author,
            _ => await content.AddPersonAsync(who, Ct),
        };
        var before = await OwnerAndHandoversAsync(id);

        var result = await Ownership.ClaimAsync(id, viewer, ct: Ct);

        Assert.Equal(expected, result.Outcome);
        var after = await OwnerAndHandoversAsync(id);
        if (expected == OwnershipOutcome.Done)
        {
            Assert.Equal((viewer.UserId, before.Handovers + 1), after);
        }
        else
        {
            Assert.Equal(before, after);
        }
    }

    [Theory]
    [InlineData("anonymous", OwnershipOutcome.SignInRequired)]
    [InlineData(Roles.Customer, OwnershipOutcome.NotAllowed)]
    [InlineData("author", OwnershipOutcome.NotAllowed)]
    [InlineData(Roles.Staff, OwnershipOutcome.Done)]
    [InlineData(Roles.ProductOwner, OwnershipOutcome.Done)]
    [InlineData(Roles.Admin, OwnershipOutcome.Done)]
    public async Task Only_people_who_work_here_hand_a_complaint_to_a_colleague(string who, OwnershipOutcome expected)
    {
        var (id, author) = await FileAsync();
        var colleague = await content.AddPersonAsync(Roles.Staff, Ct);
        var viewer = who switch
        {
            "anonymous" => Viewer.Anonymous,
            "author" => author,
            _ => await content.AddPersonAsync(who, Ct),
        };
        var before = await OwnerAndHandoversAsync(id);

        var result = await Ownership.ReassignAsync(id, colleague.UserId!, "Knows the billing system", viewer, ct: Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(expected == OwnershipOutcome.Done ? (colleague.UserId, before.Handovers + 1) : before, await OwnerAndHandoversAsync(id));
    }

    [Fact]
    public async Task A_hand_over_needs_a_colleague_who_works_here_and_a_reason_of_bounded_length()
    {
        var (id, author) = await FileAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var colleague = await content.AddPersonAsync(Roles.Staff, Ct);
        var before = await OwnerAndHandoversAsync(id);

        Assert.Equal(OwnershipOutcome.TargetNotStaff, (await Ownership.ReassignAsync(id, author.UserId!, "Customer fixes it", staff, ct: Ct)).Outcome);
        Assert.Equal(OwnershipOutcome.ReasonRequired, (await Ownership.ReassignAsync(id, colleague.UserId!, "  ", staff, ct: Ct)).Outcome);
        Assert.Equal(OwnershipOutcome.ReasonTooLong,
            (await Ownership.ReassignAsync(id, colleague.UserId!, new string('x', ComplaintHandover.ReasonMaxLength + 1), staff, ct: Ct)).Outcome);
        Assert.Equal(before, await OwnerAndHandoversAsync(id));
    }

    [Fact]
    public async Task Claiming_your_own_complaint_changes_nothing_and_closed_complaints_keep_their_owner()
    {
        var (id, _) = await FileAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        Assert.Equal(OwnershipOutcome.Done, (await Ownership.ClaimAsync(id, staff, ct: Ct)).Outcome);
        var claimed = await OwnerAndHandoversAsync(id);

        Assert.Equal(OwnershipOutcome.Unchanged, (await Ownership.ClaimAsync(id, staff, ct: Ct)).Outcome);
        Assert.Equal(claimed, await OwnerAndHandoversAsync(id));

        var other = await content.AddPersonAsync(Roles.Staff, Ct);
        await content.SetStatusAsync(id, PostStatus.Solved, Ct);
        Assert.Equal(OwnershipOutcome.Closed, (await Ownership.ClaimAsync(id, other, ct: Ct)).Outcome);

        var (removed, _) = await FileAsync();
        await using (var db = await Dbs.CreateDbContextAsync(Ct))
        {
            await db.Posts.Where(p => p.Id == removed).ExecuteUpdateAsync(s => s.SetProperty(p => p.RemovedAt, DateTime.UtcNow), Ct);
        }

        var removedBefore = await OwnerAndHandoversAsync(removed);
        Assert.Equal(OwnershipOutcome.Closed, (await Ownership.ClaimAsync(removed, other, ct: Ct)).Outcome);
        Assert.Equal(claimed, await OwnerAndHandoversAsync(id));
        Assert.Equal(removedBefore, await OwnerAndHandoversAsync(removed));
    }

    [Fact]
    public async Task Two_colleagues_taking_over_at_once_make_exactly_one_hand_over()
    {
        var (id, _) = await FileAsync();
        var first = await content.AddPersonAsync(Roles.Staff, Ct);
        var second = await content.AddPersonAsync(Roles.Staff, Ct);
        var before = await OwnerAndHandoversAsync(id);

        // Both pages showed the same owner; whoever saves second must not silently take it from the first.
        var seen = new SeenOwner(before.Owner);
        var results = await Task.WhenAll(
            Task.Run(() => Ownership.ClaimAsync(id, first, seen: seen, ct: Ct), Ct),
            Task.Run(() => Ownership.ClaimAsync(id, second, seen: seen, ct: Ct), Ct));

        var winner = Assert.Single(results, r => r.Outcome == OwnershipOutcome.Done);
        Assert.Single(results, r => r.Outcome == OwnershipOutcome.Conflict);
        Assert.Equal((winner.Owner!.Id, before.Handovers + 1), await OwnerAndHandoversAsync(id));
    }

    [Fact]
    public async Task The_customer_sees_who_handed_over_to_whom_and_why_and_the_new_face_arrives_live()
    {
        var (id, customer) = await FileAsync();
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var colleague = await content.AddPersonAsync(Roles.Admin, Ct);
        await RenameAsync(staff.UserId!, "Jonas Weber");
        await RenameAsync(colleague.UserId!, "Mira Schulz");
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var onPost = recorder.Listen(id);
        var onDesk = recorder.ListenTo(LiveTopics.Desk);

        await Ownership.ClaimAsync(id, staff, ct: Ct);
        await Ownership.ReassignAsync(id, colleague.UserId!, "  Mira handles refunds  ", staff, ct: Ct);

        var complaint = (await Complaints.GetDetailsAsync(id, customer, Ct))!;
        Assert.Equal("Mira Schulz", complaint.Owner!.DisplayName);
        var last = complaint.Handovers[^1];
        Assert.Equal(("Jonas Weber", "Mira Schulz", "Jonas Weber", "Mira handles refunds"), (last.FromName, last.ToName, last.ByName, last.Reason));
        Assert.Equal(("Jonas Weber", "Jonas Weber"), (complaint.Handovers[^2].ToName, complaint.Handovers[^2].ByName));

        var changed = onPost.OfType<ComplaintOwnerChanged>().ToList();
        Assert.Equal(2, changed.Count);
        Assert.Equal(("Mira Schulz", last), (changed[1].Owner.DisplayName, changed[1].Handover));
        Assert.Equal(2, onDesk.OfType<ComplaintActivity>().Count(a => a.PostId == id && a.Kind == ComplaintActivityKind.OwnerChanged));
    }

    [Fact]
    public async Task Desk_events_travel_only_on_the_staff_desk_topic_never_on_a_public_one()
    {
        var bus = portal.Services.GetRequiredService<ILiveBus>();
        using var recorder = new LiveEventRecorder(bus);
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var onDesk = recorder.ListenTo(LiveTopics.Desk);
        var board = recorder.ListenTo(LiveTopics.Board(PostKind.Idea), LiveTopics.Board(PostKind.Complaint));
        var id = (await Complaints.FileAsync(new("Meter reading lost", "Sent it twice.", ComplaintMood.Disappointed, null, true), customer, Ct)).PostId!.Value;
        var onPost = recorder.ListenTo(LiveTopics.Post(id), LiveTopics.PostStaff(id));

        // Made after filing, so the round-robin did not already make them the owner.
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var threads = portal.Services.GetRequiredService<ThreadService>();
        var idea = await content.AddPostAsync(PostKind.Idea, customer.UserId!, Ct);

        await threads.ReplyAsync(id, null, "Any news?", internalNote: false, customer, Ct);
        await threads.ReplyAsync(id, null, "Checking with billing.", internalNote: true, staff, Ct);
        await threads.ReplyAsync(id, null, "Found it, corrected.", internalNote: false, staff, Ct);
        await threads.ReplyAsync(idea, null, "Nice idea.", internalNote: false, staff, Ct);
        await Ownership.ClaimAsync(id, staff, ct: Ct);

        Assert.Equal(
            [ComplaintActivityKind.Filed, ComplaintActivityKind.CustomerReplied, ComplaintActivityKind.StaffReplied, ComplaintActivityKind.OwnerChanged],
            onDesk.OfType<ComplaintActivity>().Where(a => a.PostId == id).Select(a => a.Kind));
        Assert.DoesNotContain(onDesk.OfType<ComplaintActivity>(), a => a.PostId == idea);
        Assert.All(onDesk, e => Assert.Equal(LiveTopics.Desk, e.Topic));
        Assert.DoesNotContain(onPost.Concat(board), e => e is ComplaintActivity);
        Assert.DoesNotContain(onPost.Concat(board), e => e.Topic == LiveTopics.Desk);
    }

    private async Task<(int Id, Viewer Customer)> FileAsync()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var result = await Complaints.FileAsync(new("Parcel never arrived", "Tracking says delivered.", ComplaintMood.Angry, null, false), customer, Ct);
        return (result.PostId!.Value, customer);
    }

    private async Task<(string? Owner, int Handovers)> OwnerAndHandoversAsync(int id)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        var owner = await db.Posts.Where(p => p.Id == id).Select(p => p.OwnerId).SingleAsync(Ct);
        return (owner, await db.ComplaintHandovers.CountAsync(h => h.PostId == id, Ct));
    }

    private async Task RenameAsync(string userId, string name)
    {
        await using var db = await Dbs.CreateDbContextAsync(Ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name), Ct);
    }
}

public sealed class SqliteComplaintOwnershipTests(PortalFactory portal) : ComplaintOwnershipTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresComplaintOwnershipTests(PostgresPortalFactory portal) : ComplaintOwnershipTests(portal), IClassFixture<PostgresPortalFactory>;
