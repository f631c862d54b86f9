using CustomerCare.Web.Infrastructure;

namespace CustomerCare.Web.Features.Pictures;

/// <summary>
/// <c>GET /pictures/{id}</c> and <c>/pictures/{id}/thumbnail</c>: a picture for whoever may read its post or reply
/// (<see cref="PictureService"/>), 404 for everyone else exactly as for a picture that does not exist.
/// </summary>
public static class PictureEndpoints
{
    public const string Path = "/pictures";

    public static string Full(Guid id) => $"{Path}/{id:N}";

    public static string Thumbnail(Guid id) => $"{Path}/{id:N}/thumbnail";

    public static void MapPictures(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path + "/{id:guid}", (Guid id, HttpContext http, PictureService pictures, CancellationToken ct) =>
            SendAsync(id, thumbnail: false, http, pictures, ct)).ExcludeFromDescription();
        endpoints.MapGet(Path + "/{id:guid}/thumbnail", (Guid id, HttpContext http, PictureService pictures, CancellationToken ct) =>
            SendAsync(id, thumbnail: true, http, pictures, ct)).ExcludeFromDescription();
    }

    private static async Task<IResult> SendAsync(Guid id, bool thumbnail, HttpContext http, PictureService pictures, CancellationToken ct)
    {
        if (await pictures.OpenAsync(id, thumbnail, Viewer.From(http.User), ct) is not { } file)
        {
            return Results.NotFound();
        }

        // A picture never changes under its id; one that only some may see stays out of shared caches, and every answer
        // depends on who asks.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = file.Everyone ? "public, max-age=300" : "private, max-age=300";
        http.Response.Headers.Vary = "Cookie";
        return Results.File(file.Bytes, file.ContentType);
    }
}
