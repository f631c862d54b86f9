using CustomerCare.Data.Entities;
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

    public static void MapPersonalData(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(DownloadPath, DownloadAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> DownloadAsync(
        HttpContext http, PersonalDataExport export, SecurityLog securityLog, IStringLocalizer<Strings> l, CancellationToken ct)
    {
        var viewer = Viewer.From(http.User);
        if (await export.CollectAsync(viewer, ct) is not { } archive)
        {
            return Results.Challenge();
        }

        // Built in memory, then sent: the zip's writer is synchronous in places, which Kestrel refuses on its body.
        var zip = new MemoryStream();
        await PersonalDataZip.WriteAsync(zip, archive, l, ct);
        zip.Position = 0;
        await securityLog.RecordAsync(SecurityEventKind.PersonalDataExported, viewer.UserId, http.Connection.RemoteIpAddress, ct: ct);
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(zip, PersonalDataZip.ContentType, PersonalDataZip.FileName(archive.ExportedAt));
    }
}
