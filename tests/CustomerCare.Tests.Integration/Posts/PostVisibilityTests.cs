using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Staff;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Posts;

/// <summary>PostService's visibility rules: private complaints and internal notes stay with who may see them.</summary>
public abstract class PostVisibilityTests(PortalFactory portal)
{
    private readonly TestContent content = new(portal);

    private PostService Posts => portal.Services.GetRequiredService<PostService>();

    private ComplaintService Complaints => portal.Services.GetRequiredService<ComplaintService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Private_complaint_is_hidden_from_another_customer()
    {
        var (privateId, publicId) = await TwoComplaintsAsync();
        var other = await content.AddPersonAsync(Roles.Customer, Ct);

        await AssertHiddenAsync(other, privateId, publicId);
    }

    [Fact]
    public async Task Private_complaint_is_hidden_from_anonymous_visitors()
    {
        var (privateId, publicId) = await TwoComplaintsAsync();

        await AssertHiddenAsync(Viewer.Anonymous, privateId, publicId);
    }

    [Fact]
    public async Task Private_complaint_is_shown_to_its_author()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var privateId = await content.AddPostAsync(PostKind.Complaint, author.UserId!, Ct, isPublic: false);

        var list = await Complaints.ListAsync(author, Ct);
        var details = await Posts.GetAsync(privateId, author, Ct);

        Assert.Contains(list, p => p.Id == privateId && !p.IsPublic);
        Assert.NotNull(details);
        Assert.Equal(author.UserId, details.Post.Author.Id);
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.ProductOwner)]
    [InlineData(Roles.Admin)]
    public async Task Private_complaint_is_shown_to_people_who_work_here(string role)
    {
        var (privateId, _) = await TwoComplaintsAsync();
        var colleague = await content.AddPersonAsync(role, Ct);

        var list = await Complaints.ListAsync(colleague, Ct);
        var details = await Posts.GetAsync(privateId, colleague, Ct);

        Assert.Contains(list, p => p.Id == privateId);
        Assert.NotNull(details);
    }

    [Theory]
    [InlineData("author")]
    [InlineData("other customer")]
    [InlineData("anonymous")]
    public async Task Internal_notes_are_not_sent_to_customers_or_visitors(string who)
    {
        var (complaintId, author) = await ComplaintWithNoteAsync();
        var viewer = who switch
        {
            "author" => author,
            "other customer" => await content.AddPersonAsync(Roles.Customer, Ct),
            _ => Viewer.Anonymous,
        };

        var details = await Posts.GetAsync(complaintId, viewer, Ct);

        Assert.NotNull(details);
        Assert.Equal(["Customer asks", "Staff answers"], details.Replies.Select(r => r.Body));
        Assert.All(details.Replies, r => Assert.False(r.IsInternalNote));
    }

    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.ProductOwner)]
    [InlineData(Roles.Admin)]
    public async Task Internal_notes_are_sent_to_people_who_work_here(string role)
    {
        var (complaintId, _) = await ComplaintWithNoteAsync();
        var colleague = await content.AddPersonAsync(role, Ct);

        var details = await Posts.GetAsync(complaintId, colleague, Ct);

        Assert.NotNull(details);
        Assert.Equal(["Customer asks", "Staff answers", "Internal: goodwill credit approved"], details.Replies.Select(r => r.Body));
        Assert.True(details.Replies.Single(r => r.Body.StartsWith("Internal", StringComparison.Ordinal)).IsInternalNote);
        Assert.True(details.Replies.Single(r => r.Body == "Staff answers").Author.IsStaff);
    }

    private async Task AssertHiddenAsync(Viewer viewer, int privateId, int publicId)
    {
        var list = await Complaints.ListAsync(viewer, Ct);

        // The public complaint of the same author proves the list did reach this test's posts.
        Assert.Contains(list, p => p.Id == publicId);
        Assert.DoesNotContain(list, p => p.Id == privateId);
        Assert.NotNull(await Posts.GetAsync(publicId, viewer, Ct));
        Assert.Null(await Posts.GetAsync(privateId, viewer, Ct));
    }

    private async Task<(int PrivateId, int PublicId)> TwoComplaintsAsync()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var privateId = await content.AddPostAsync(PostKind.Complaint, author.UserId!, Ct, isPublic: false);
        var publicId = await content.AddPostAsync(PostKind.Complaint, author.UserId!, Ct, isPublic: true);
        return (privateId, publicId);
    }

    [Fact]
    public async Task Another_customers_reply_on_a_public_complaint_does_not_count_as_the_staff_answer()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var neighbour = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var waiting = await content.AddPostAsync(PostKind.Complaint, author.UserId!, Ct, isPublic: true);
        var answered = await content.AddPostAsync(PostKind.Complaint, author.UserId!, Ct, isPublic: true);
        await content.AddReplyAsync(waiting, neighbour.UserId!, "Same here!", internalNote: false, Ct);
        await content.AddReplyAsync(answered, staff.UserId!, "We are on it.", internalNote: false, Ct);

        var desk = await portal.Services.GetRequiredService<StaffDeskService>().ListAsync(new(), staff, Ct);

        Assert.True(desk.Rows.Single(r => r.Id == waiting).Waiting);
        Assert.False(desk.Rows.Single(r => r.Id == answered).Waiting);
    }

    private async Task<(int ComplaintId, Viewer Author)> ComplaintWithNoteAsync()
    {
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var id = await content.AddPostAsync(PostKind.Complaint, author.UserId!, Ct, isPublic: true);
        await content.AddReplyAsync(id, author.UserId!, "Customer asks", internalNote: false, Ct);
        await content.AddReplyAsync(id, staff.UserId!, "Staff answers", internalNote: false, Ct);
        await content.AddReplyAsync(id, staff.UserId!, "Internal: goodwill credit approved", internalNote: true, Ct);
        return (id, author);
    }
}

public sealed class SqlitePostVisibilityTests(PortalFactory portal) : PostVisibilityTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresPostVisibilityTests(PostgresPortalFactory portal) : PostVisibilityTests(portal), IClassFixture<PostgresPortalFactory>;
