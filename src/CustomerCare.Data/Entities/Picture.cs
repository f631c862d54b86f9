namespace CustomerCare.Data.Entities;

/// <summary>
/// A picture on a post (<see cref="ReplyId"/> null) or on one of its replies, as the portal re-encoded it: no metadata,
/// its longest side bounded, with a thumbnail. Its bytes are in <see cref="Data"/> and <see cref="ThumbnailData"/> when
/// the portal keeps pictures in the database (the default) and null when it keeps them in a folder, named by
/// <see cref="Id"/>. Only the picture endpoint reads the bytes; every other read projects the columns it needs.
/// </summary>
public sealed class Picture
{
    public const int AltTextMaxLength = 300;

    public const int ContentTypeMaxLength = 32;

    public required Guid Id { get; set; }

    public required int PostId { get; set; }

    public Post? Post { get; set; }

    public long? ReplyId { get; set; }

    public Reply? Reply { get; set; }

    public required string UploaderId { get; set; }

    public CareUser? Uploader { get; set; }

    /// <summary>The re-encoded format of picture and thumbnail alike: image/jpeg or image/png.</summary>
    public required string ContentType { get; set; }

    public required int Width { get; set; }

    public required int Height { get; set; }

    public required int ThumbWidth { get; set; }

    public required int ThumbHeight { get; set; }

    /// <summary>The stored picture's size in bytes (the thumbnail's is not counted).</summary>
    public required int ByteLength { get; set; }

    /// <summary>What the picture shows, for people who cannot see it; asked of every uploader.</summary>
    public required string AltText { get; set; }

    public required DateTime CreatedAt { get; set; }

    public byte[]? Data { get; set; }

    public byte[]? ThumbnailData { get; set; }
}
