using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Features.Pictures;

/// <summary>
/// Where a picture's bytes live (<c>Pictures:Store</c>). The row is always in the database; the store fills it before it
/// is saved, reads the bytes when the picture is served, and forgets the bytes of rows that went (or never came).
/// </summary>
public interface IPictureStore
{
    /// <summary>Before the transaction: the bytes go into the row, or into files named by its id.</summary>
    Task KeepAsync(Picture row, ProcessedPicture picture, CancellationToken ct);

    Task<byte[]?> ReadAsync(CareDb db, Guid id, bool thumbnail, CancellationToken ct);

    /// <summary>After the rows were deleted, or their transaction failed: the files go too (rows take their own bytes).</summary>
    void Forget(IEnumerable<Guid> ids);
}

/// <summary>The default: the bytes in the row's own columns, read only here, so backups hold everything.</summary>
public sealed class DatabasePictureStore : IPictureStore
{
    public Task KeepAsync(Picture row, ProcessedPicture picture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(picture);
        (row.Data, row.ThumbnailData) = (picture.Data, picture.Thumbnail);
        return Task.CompletedTask;
    }

    public Task<byte[]?> ReadAsync(CareDb db, Guid id, bool thumbnail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = db.Pictures.AsNoTracking().Where(p => p.Id == id);
        return thumbnail ? row.Select(p => p.ThumbnailData).FirstOrDefaultAsync(ct) : row.Select(p => p.Data).FirstOrDefaultAsync(ct);
    }

    public void Forget(IEnumerable<Guid> ids)
    {
    }
}

/// <summary>
/// <c>Pictures:Store=Folder</c>: two files per picture in <c>Pictures:Folder</c>, named by its id (no name of the uploader's
/// file is ever used). Several servers need the folder shared.
/// </summary>
public sealed class FolderPictureStore(IOptions<PictureOptions> options, IHostEnvironment environment, ILogger<FolderPictureStore> log) : IPictureStore
{
    public string Folder { get; } = DataFolder.Resolve(DataFolder.Root(environment), options.Value.Folder);

    public async Task KeepAsync(Picture row, ProcessedPicture picture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(picture);
        Directory.CreateDirectory(Folder);
        await File.WriteAllBytesAsync(PathOf(row.Id, thumbnail: false), picture.Data, ct);
        await File.WriteAllBytesAsync(PathOf(row.Id, thumbnail: true), picture.Thumbnail, ct);
    }

    public async Task<byte[]?> ReadAsync(CareDb db, Guid id, bool thumbnail, CancellationToken ct)
    {
        var path = PathOf(id, thumbnail);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    public void Forget(IEnumerable<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            foreach (var thumbnail in new[] { false, true })
            {
                try
                {
                    File.Delete(PathOf(id, thumbnail));
                }
                catch (IOException e)
                {
                    log.LogWarning(e, "Picture file {Id} could not be deleted", id);
                }
            }
        }
    }

    public string PathOf(Guid id, bool thumbnail) => Path.Combine(Folder, thumbnail ? $"{id:N}-thumbnail" : $"{id:N}");
}
