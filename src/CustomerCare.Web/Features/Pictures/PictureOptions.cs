using System.ComponentModel.DataAnnotations;

namespace CustomerCare.Web.Features.Pictures;

/// <summary>Where pictures are kept and how large they may be (<c>Pictures</c>, docs/configuration.md).</summary>
public sealed class PictureOptions
{
    public const string Section = "Pictures";

    /// <summary>Database (the default: pictures travel with the portal's data and its backups) or Folder.</summary>
    public PictureStoreKind Store { get; set; } = PictureStoreKind.Database;

    /// <summary>With <see cref="Store"/> Folder: where the files go, relative to the content root unless absolute.</summary>
    [Required]
    public string Folder { get; set; } = "data/pictures";

    /// <summary>The largest file accepted, before anything else is read.</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How many pictures one post or reply carries.</summary>
    [Range(1, 20)]
    public int PerPost { get; set; } = 4;

    /// <summary>The largest picture decoded, in pixels (width × height), and the longest side it may claim.</summary>
    [Range(1, 200_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    [Range(1, 100_000)]
    public int MaxSide { get; set; } = 12_000;

    /// <summary>The stored picture's longest side and the thumbnail's.</summary>
    [Range(64, 8192)]
    public int LongestSide { get; set; } = 2048;

    [Range(32, 2048)]
    public int ThumbnailSide { get; set; } = 480;
}

public enum PictureStoreKind
{
    Database,
    Folder,
}
