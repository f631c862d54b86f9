using System.IO.Compression;
using System.Net;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Helpful;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.PersonalData;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Features.Posts;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Live;
using CustomerCare.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Tests.Integration.Pictures;

/// <summary>
/// A reply's pictures: saved with it (or, refused, not at all and the reply not either), in its live event and the thread,
/// served over HTTP as the processor made them; in their uploader's data download; gone with the account and with the
/// complaints it erases. On SQLite and PostgreSQL.
/// </summary>
public abstract class PictureTests(PortalFactory portal)
{
    private ThreadService Threads => portal.Services.GetRequiredService<ThreadService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reply_with_a_picture_saves_it_tells_open_pages_and_serves_it_to_everyone_on_a_public_idea()
    {
        var (_, helper, ideaId, _) = await portal.CustomerAnswerAsync();
        var upload = await TestPictures.UploadAsync(portal.Services, ct: Ct);
        using var recorder = new LiveEventRecorder(portal.Services.GetRequiredService<ILiveBus>());
        var heard = recorder.Listen(ideaId);

        var result = await Threads.ReplyWithPicturesAsync(ideaId, null, "This is the page I mean.", internalNote: false, [upload], helper.Viewer, Ct);

        Assert.True(result.Succeeded, result.Outcome.ToString());
        var picture = Assert.Single(result.Reply!.Pictures!);
        Assert.Equal(("The router's settings page", 320, 200), (picture.AltText, picture.Width, picture.Height));
        await WaitForAsync(() => heard.OfType<ReplyAdded>().Any(e => e.Reply.Id == result.Reply.Id));
        Assert.Equal([picture], heard.OfType<ReplyAdded>().Single(e => e.Reply.Id == result.Reply.Id).Reply.Pictures!);
        var read = (await portal.ThreadAsync(ideaId, Viewer.Anonymous)).Single(r => r.Id == result.Reply.Id);
        Assert.Equal([picture], read.Pictures!);

        using var client = portal.CreateClient();
        using var full = await client.GetAsync(new Uri(PictureEndpoints.Full(picture.Id), UriKind.Relative), Ct);
        using var thumbnail = await client.GetAsync(new Uri(PictureEndpoints.Thumbnail(picture.Id), UriKind.Relative), Ct);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (full.StatusCode, thumbnail.StatusCode));
        Assert.Equal(upload.Picture.ContentType, full.Content.Headers.ContentType?.MediaType);
        Assert.Equal(upload.Picture.Data, await full.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(upload.Picture.Thumbnail, await thumbnail.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(full.Headers.CacheControl!.Public);
    }

    [Fact]
    public async Task Pictures_without_a_description_or_too_many_refuse_the_reply_and_nothing_is_stored()
    {
        var (_, helper, ideaId, _) = await portal.CustomerAnswerAsync();
        var upload = await TestPictures.UploadAsync(portal.Services, ct: Ct);
        var before = await CountsAsync(ideaId);

        var undescribed = await Threads.ReplyWithPicturesAsync(ideaId, null, "See the picture.", false, [upload with { AltText = "  " }], helper.Viewer, Ct);
        var tooMany = await Threads.ReplyWithPicturesAsync(ideaId, null, "See the pictures.", false, [.. Enumerable.Repeat(upload, 5)], helper.Viewer, Ct);

        Assert.Equal((ThreadOutcome.PicturesRefused, ThreadOutcome.PicturesRefused), (undescribed.Outcome, tooMany.Outcome));
        Assert.Equal(before, await CountsAsync(ideaId));
    }

    [Fact]
    public async Task The_uploaders_data_download_holds_the_picture_described_and_as_a_file()
    {
        var (_, helper, ideaId, _) = await portal.CustomerAnswerAsync();
        var upload = await TestPictures.UploadAsync(portal.Services, "My meter reading", Ct);
        var picture = (await Threads.ReplyWithPicturesAsync(ideaId, null, "The meter says this.", false, [upload], helper.Viewer, Ct)).Reply!.Pictures![0];

        var archive = await portal.Services.GetRequiredService<PersonalDataExport>().CollectAsync(helper.Viewer, ct: Ct);
        using var zip = new MemoryStream();
        await PersonalDataZip.WriteAsync(zip, archive!, portal.Services.GetRequiredService<IStringLocalizer<Strings>>(),
            portal.Services.GetRequiredService<PictureService>().ReadStoredAsync, Ct);

        var data = Assert.Single(archive!.Pictures);
        Assert.Equal((picture.Id, ideaId, "My meter reading"), (data.Id, data.PostId, data.AltText));
        zip.Position = 0;
        using var read = new ZipArchive(zip, ZipArchiveMode.Read);
        await using var file = await read.GetEntry(data.File)!.OpenAsync(Ct);
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes, Ct);
        Assert.Equal(upload.Picture.Data, bytes.ToArray());
        using var json = new StreamReader(await read.GetEntry("data.json")!.OpenAsync(Ct));
        Assert.Contains("My meter reading", await json.ReadToEndAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_account_takes_its_pictures_and_every_picture_on_its_complaints()
    {
        var customer = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var staff = await portal.AddPersonAsync(Roles.Staff, ct: Ct);
        var (_, _, ideaId, _) = await portal.CustomerAnswerAsync();
        var complaint = await portal.Services.GetRequiredService<Web.Features.Complaints.ComplaintService>()
            .FileAsync(new("My bill is wrong", "Twice the usual amount.", ComplaintMood.Angry, null, false), customer.Viewer, Ct);
        var complaintId = complaint.PostId!.Value;
        var upload = await TestPictures.UploadAsync(portal.Services, ct: Ct);
        var onIdea = (await Threads.ReplyWithPicturesAsync(ideaId, null, "Same here.", false, [upload], customer.Viewer, Ct)).Reply!.Pictures![0].Id;
        var staffOnComplaint = (await Threads.ReplyWithPicturesAsync(complaintId, null, "Is this the bill?", false, [upload], staff.Viewer, Ct)).Reply!.Pictures![0].Id;
        var staffElsewhere = (await Threads.ReplyWithPicturesAsync(ideaId, null, "Our screen.", false, [upload], staff.Viewer, Ct)).Reply!.Pictures![0].Id;

        var deleted = await portal.Services.GetRequiredService<AccountDeletion>().DeleteAsync(customer.Viewer, customer.Password, [complaintId], Ct);

        Assert.True(deleted.Succeeded, deleted.Outcome.ToString());
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        Assert.Equal([staffElsewhere], await db.Pictures.Where(p => new[] { onIdea, staffOnComplaint, staffElsewhere }.Contains(p.Id)).Select(p => p.Id).ToListAsync(Ct));
        var reply = (await portal.ThreadAsync(ideaId, Viewer.Anonymous)).Single(r => r.Body == "Same here.");
        Assert.Empty(reply.Pictures!);
        using var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(PictureEndpoints.Full(onIdea), UriKind.Relative), Ct)).StatusCode);
    }

    private async Task<(int Pictures, int Replies)> CountsAsync(int postId)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(Ct);
        return (await db.Pictures.CountAsync(p => p.PostId == postId, Ct), await db.Replies.CountAsync(r => r.PostId == postId, Ct));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(condition());
    }
}

public sealed class SqlitePictureTests(EmptyPortalFactory portal) : PictureTests(portal), IClassFixture<EmptyPortalFactory>;

public sealed class PostgresPictureTests(EmptyPostgresPortalFactory portal) : PictureTests(portal), IClassFixture<EmptyPostgresPortalFactory>;
