using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Pictures;
using CustomerCare.Web.Infrastructure;
using CustomerCare.Web.Infrastructure.Access;
using CustomerCare.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CustomerCare.Web.Features.PersonalData;

/// <summary>
/// <c>GET /account/data/download</c>: the signed-in person's own archive, never anyone else's (the id comes from the
/// cookie, not from the request). A visitor is sent to sign in; each download is written to the person's security log.
/// </summary>
public static class PersonalDataEndpoints
{
    public const string DownloadPath = "/account/data/download";

    public static void MapPersonalData(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DownloadPath, DownloadAsync).RequireAuthorization().ExcludeFromDescription();
        endpoints.MapGet(PersonalDataArchives.ArchivePath + "/{token}", ArchiveAsync).RequireAuthorization().ExcludeFromDescription();
    }

    // A prepared archive's link: only for the person it was made for, only until it expires. Anything else goes back to
    // the page, which says the link no longer works; nothing of the archive is shown.
    private static async Task<IResult> ArchiveAsync(
        string token, HttpContext http, PersonalDataArchives archives, SecurityLog securityLog, TimeProvider time, CancellationToken ct)
    {
        var viewer = Viewer.From(http.User);
        if (await archives.OpenAsync(token, viewer, ct) is not { } opened)
        {
            return Results.Redirect(YourDataPage.LinkRefusedPath);
        }

        var (status, zip) = opened;
        await securityLog.RecordAsync(SecurityEventKind.PersonalDataExported, status.SubjectId, http.Connection.RemoteIpAddress,
            actorId: status.UserId == status.SubjectId ? null : status.UserId, ct: ct);
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(zip, PersonalDataZip.ContentType, PersonalDataZip.FileName(time.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> DownloadAsync(
        HttpContext http, PersonalDataExport export, PictureService pictures, SecurityLog securityLog, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var viewer = Viewer.From(http.User);
        if (await export.CollectAsync(viewer, ct: ct) is not { } archive)
        {
            return Results.Challenge();
        }

        // Built in memory, then sent: the zip's writer is synchronous in places, which Kestrel refuses on its body.
        var zip = new MemoryStream();
        await PersonalDataZip.WriteAsync(zip, archive, l, pictures.ReadStoredAsync, ct);
        zip.Position = 0;
        await securityLog.RecordAsync(SecurityEventKind.PersonalDataExported, viewer.UserId, http.Connection.RemoteIpAddress, ct: ct);
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(zip, PersonalDataZip.ContentType, PersonalDataZip.FileName(archive.ExportedAt));
    }
}
