using System.Net;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Pictures;

/// <summary>
/// Pictures on the post itself: an idea's are saved with it and shown on its page to everyone; a private complaint's
/// (a screenshot of the fault) reach only its customer and the team; undescribed pictures refuse the post and store
/// nothing. On SQLite and PostgreSQL.
/// </summary>
public abstract class PostPictureTests(PortalFactory portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_idea_proposed_with_a_picture_shows_it_on_its_page_to_everyone()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var upload = await TestPictures.UploadAsync(portal.Services, "The meter's display", Ct);

        var result = await portal.Services.GetRequiredService<IdeaService>()
            .ProposeAsync(new ProposeIdea(TestPeople.UniqueTitle("Read the meter by photo"), "Like this.", null, [upload]), author.Viewer, Ct);

        Assert.Equal(ProposeOutcome.Created, result.Outcome);
        var details = await portal.Services.GetRequiredService<PostService>().GetAsync(result.PostId!.Value, Viewer.Anonymous, Ct);
        var picture = Assert.Single(details!.Pictures!);
        Assert.Equal("The meter's display", picture.AltText);
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri(PictureEndpoints.Full(picture.Id), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_private_complaints_picture_reaches_its_customer_and_the_team_only()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var other = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var upload = await TestPictures.UploadAsync(portal.Services, "The error on the router", Ct);

        var result = await portal.Services.GetRequiredService<ComplaintService>().FileAsync(
            new FileComplaint(TestPeople.UniqueTitle("No internet"), "Since Monday.", ComplaintMood.Angry, null, false, [upload]), customer.Viewer, Ct);

        Assert.Equal(ProposeOutcome.Created, result.Outcome);
        var posts = portal.Services.GetRequiredService<PostService>();
        var id = result.PostId!.Value;
        Assert.Single((await posts.GetAsync(id, customer.Viewer, Ct))!.Pictures!);
        Assert.Single((await posts.GetAsync(id, staff.Viewer, Ct))!.Pictures!);
        Assert.Null(await posts.GetAsync(id, other.Viewer, Ct));
        var pictureId = (await posts.GetAsync(id, customer.Viewer, Ct))!.Pictures![0].Id;
        using var visitor = portal.CreateClient();
        using var response = await visitor.GetAsync(new Uri(PictureEndpoints.Full(pictureId), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_undescribed_picture_refuses_the_idea_and_nothing_is_stored()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var upload = await TestPictures.UploadAsync(portal.Services, ct: Ct);
        var title = TestPeople.UniqueTitle("Undescribed");

        var result = await portal.Services.GetRequiredService<IdeaService>()
            .ProposeAsync(new ProposeIdea(title, "See it.", null, [upload with { AltText = " " }]), author.Viewer, Ct);

        Assert.Equal(ProposeOutcome.Invalid, result.Outcome);
        Assert.Equal(PostErrors.PicturesRefused, result.Errors[nameof(ProposeIdea.Pictures)]);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        Assert.False(await db.Posts.AnyAsync(p => p.Title == title, Ct));
        Assert.False(await db.Pictures.AnyAsync(p => p.UploaderId == author.Id, Ct));
    }
}

public sealed class SqlitePostPictureTests(EmptyPortalFactory portal) : PostPictureTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresPostPictureTests(PostgresPortalFactory portal) : PostPictureTests(portal), IClassFixture<PostgresPortalFactory>;
