using System.Net;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Features.Threads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Pictures;

/// <summary>A portal that keeps pictures in a folder of its own (<c>Pictures:Store=Folder</c>); two replies per writer.</summary>
public sealed class FolderPicturesPortal : PortalFactory
{
    public FolderPicturesPortal()
        : base(Data.DatabaseProvider.Sqlite, seedDemo: false)
    {
        With("Pictures:Store", "Folder").With("Pictures:Folder", Folder);
        With("RateLimits:Replies:NewAccount", "2").With("RateLimits:Replies:Customer", "2");
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "customercare-tests", $"pictures-{Guid.NewGuid():N}");
}

/// <summary>With <c>Pictures:Store=Folder</c> the bytes are files named by the picture's id, never columns; they go with their rows.</summary>
public sealed class FolderPictureTests(FolderPicturesPortal portal) : IClassFixture<FolderPicturesPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ThreadService Threads => portal.Services.GetRequiredService<ThreadService>();

    [Fact]
    public async Task Pictures_are_files_served_as_they_were_kept_left_behind_by_no_refused_reply_and_deleted_with_the_account()
    {
        var asker = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var writer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var ideaId = await portal.ProposeIdeaAsync(asker, ct: Ct);
        var upload = await TestPictures.UploadAsync(portal.Services, ct: Ct);

        var first = await Threads.ReplyWithPicturesAsync(ideaId, null, "The first screen.", false, [upload], writer.Viewer, Ct);
        var second = await Threads.ReplyAsync(ideaId, null, "No picture here.", false, writer.Viewer, Ct);
        var third = await Threads.ReplyWithPicturesAsync(ideaId, null, "Over the limit.", false, [upload], writer.Viewer, Ct);

        Assert.Equal((true, true, ThreadOutcome.LimitReached), (first.Succeeded, second.Succeeded, third.Outcome));
        var id = Assert.Single(first.Reply!.Pictures!).Id;
        Assert.Equal([$"{id:N}", $"{id:N}-thumbnail"], Directory.GetFiles(portal.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct))
        {
            var row = await db.Pictures.Where(p => p.Id == id).Select(p => new { HasData = p.Data != null, HasThumb = p.ThumbnailData != null }).SingleAsync(Ct);
            Assert.Equal(new { HasData = false, HasThumb = false }, row);
        }

        using var client = portal.CreateClient();
        Assert.Equal(upload.Picture.Data, await client.GetByteArrayAsync(new Uri(PictureEndpoints.Full(id), UriKind.Relative), Ct));
        Assert.Equal(upload.Picture.Thumbnail, await client.GetByteArrayAsync(new Uri(PictureEndpoints.Thumbnail(id), UriKind.Relative), Ct));

        Assert.True((await portal.Services.GetRequiredService<AccountDeletion>().DeleteAsync(writer.Viewer, writer.Password, [], Ct)).Succeeded);

        Assert.Empty(Directory.GetFiles(portal.Folder));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(PictureEndpoints.Full(id), UriKind.Relative), Ct)).StatusCode);
    }
}
