using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Complaints;

/// <summary>Filing a complaint: its rules, private by default, and a named owner from the first moment.</summary>
public abstract class FileComplaintTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private ComplaintService Complaints => portal.Services.GetRequiredService<ComplaintService>();

    private PostService Posts => portal.Services.GetRequiredService<PostService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_broken_rule_is_told_at_its_field_and_nothing_is_saved()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var before = await CountAsync();

        var result = await Complaints.FileAsync(new("Bad", "", null, new string('7', Post.ReferenceMaxLength + 1), false), customer, Ct);

        Assert.Equal(ProposeOutcome.Invalid, result.Outcome);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Title"] = PostErrors.TitleLength,
                ["Body"] = PostErrors.BodyRequired,
                ["Mood"] = ComplaintErrors.MoodRequired,
                ["Reference"] = ComplaintErrors.ReferenceTooLong,
            },
            result.Errors);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_visitor_must_sign_in_to_file()
    {
        var result = await Complaints.FileAsync(new("Invoice is wrong", "Twice the amount.", ComplaintMood.Angry, null, false), Viewer.Anonymous, Ct);

        Assert.Equal(ProposeOutcome.SignInRequired, result.Outcome);
    }

    [Fact]
    public async Task A_new_complaint_is_private_and_has_the_least_busy_staff_member_as_its_owner_at_once()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var stranger = await content.AddPersonAsync(Roles.Customer, Ct);
        await content.AddPersonAsync(Roles.Staff, Ct); // someone on staff, whoever else the portal holds

        var result = await Complaints.FileAsync(
            new("  Invoice charged twice  ", "My **November** invoice was charged twice.", ComplaintMood.Angry, " INV-2026-1187 ", false), customer, Ct);

        Assert.Equal(ProposeOutcome.Created, result.Outcome);
        var details = await Posts.GetAsync(result.PostId!.Value, customer, Ct);
        Assert.NotNull(details);
        Assert.Equal(("Invoice charged twice", PostKind.Complaint, false), (details.Post.Title, details.Post.Kind, details.Post.IsPublic));
        var complaint = (await Complaints.GetDetailsAsync(result.PostId.Value, customer, Ct))!;
        Assert.Equal((ComplaintMood.Angry, "INV-2026-1187"), (complaint.Mood, complaint.Reference));
        var owner = complaint.Owner!;
        Assert.True(owner.IsStaff);
        Assert.Equal(await LeastOpenComplaintsAmongStaffAsync(excluding: result.PostId.Value), await OpenComplaintsOwnedByAsync(owner.Id, excluding: result.PostId.Value));
        var handover = Assert.Single(complaint.Handovers);
        Assert.Equal((null, owner.DisplayName, null), (handover.FromName, handover.ToName, handover.ByName));
        Assert.Null(await Posts.GetAsync(result.PostId.Value, stranger, Ct));
        Assert.Null(await Posts.GetAsync(result.PostId.Value, Viewer.Anonymous, Ct));
    }

    [Fact]
    public async Task The_customer_waits_from_filing_until_staff_answer_and_again_from_their_next_message()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var threads = portal.Services.GetRequiredService<Web.Features.Threads.ThreadService>();
        var id = (await Complaints.FileAsync(new("No hot water since Monday", "Boiler is off.", ComplaintMood.Angry, null, false), customer, Ct)).PostId!.Value;
        var filed = (await Posts.GetAsync(id, customer, Ct))!;
        var complaint = (await Complaints.GetDetailsAsync(id, customer, Ct))!;

        Assert.Equal((filed.Post.CreatedAt, true), (complaint.WaitingSince, complaint.FirstAnswer));

        await threads.ReplyAsync(id, null, "A note for colleagues.", internalNote: true, staff, Ct);
        Assert.NotNull((await Complaints.GetDetailsAsync(id, customer, Ct))!.WaitingSince);

        await threads.ReplyAsync(id, null, "A technician comes tomorrow at 8.", internalNote: false, staff, Ct);
        Assert.Null((await Complaints.GetDetailsAsync(id, customer, Ct))!.WaitingSince);

        var again = await threads.ReplyAsync(id, null, "Can it be earlier?", internalNote: false, customer, Ct);
        var waiting = (await Complaints.GetDetailsAsync(id, customer, Ct))!;
        Assert.Equal((again.Reply!.CreatedAt, false), (waiting.WaitingSince, waiting.FirstAnswer));
    }

    [Fact]
    public async Task The_reference_of_a_public_complaint_is_shown_to_its_customer_and_staff_only()
    {
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var result = await Complaints.FileAsync(new("Router keeps restarting", "Every night at 3.", ComplaintMood.Unsure, "C-5521", true), customer, Ct);
        var id = result.PostId!.Value;

        Assert.Equal("C-5521", (await Complaints.GetDetailsAsync(id, customer, Ct))!.Reference);
        Assert.Equal("C-5521", (await Complaints.GetDetailsAsync(id, staff, Ct))!.Reference);
        var visitorView = await Complaints.GetDetailsAsync(id, Viewer.Anonymous, Ct);
        Assert.Null(visitorView!.Reference);
        Assert.Equal(ComplaintMood.Unsure, visitorView.Mood);
    }

    private async Task<int> CountAsync()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await db.Posts.CountAsync(Ct);
    }

    private async Task<int> OpenComplaintsOwnedByAsync(string ownerId, int excluding)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return await db.Posts.CountAsync(p => p.Kind == PostKind.Complaint && p.OwnerId == ownerId && p.Status != PostStatus.Solved && p.RemovedAt == null && p.Id != excluding, Ct);
    }

    private async Task<int> LeastOpenComplaintsAmongStaffAsync(int excluding)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        var staff = db.UserRoles.Where(ur => ur.RoleId == Roles.StaffId).Select(ur => ur.UserId);
        return await db.Users.Where(u => staff.Contains(u.Id))
            .Select(u => db.Posts.Count(p => p.Kind == PostKind.Complaint && p.OwnerId == u.Id && p.Status != PostStatus.Solved && p.RemovedAt == null && p.Id != excluding))
            .MinAsync(Ct);
    }
}

public sealed class SqliteFileComplaintTests(PortalFactory portal) : FileComplaintTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresFileComplaintTests(PostgresPortalFactory portal) : FileComplaintTests(portal), IClassFixture<PostgresPortalFactory>;
