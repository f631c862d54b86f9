namespace CustomerCare.Web.Features.Pictures;

/// <summary>Why a file was refused; each has its message (<c>Picture_Problem_{name}</c>), and nothing of the file is kept.</summary>
public enum PictureProblem
{
    TooLarge,
    NotAPicture,
    Mislabelled,
    Truncated,
    TrailingData,
    TooManyPixels,
    Unreadable,
    TooMany,
    AltTextMissing,
    AltTextTooLong,
}

/// <summary>A file as the portal keeps it: re-encoded, without metadata, bounded, with its thumbnail in the same format.</summary>
public sealed record ProcessedPicture(string ContentType, byte[] Data, int Width, int Height, byte[] Thumbnail, int ThumbWidth, int ThumbHeight)
{
    public string ThumbnailDataUrl => $"data:{ContentType};base64,{Convert.ToBase64String(Thumbnail)}";
}

/// <summary>What <see cref="PictureProcessor"/> made of one file: the picture, or the one reason it was refused.</summary>
public sealed record PictureProcessing(ProcessedPicture? Picture, PictureProblem? Problem)
{
    public static PictureProcessing Refused(PictureProblem problem) => new(null, problem);

    public string MessageKey => $"Picture_Problem_{Problem}";
}

/// <summary>A processed picture with the words that describe it, ready to be stored with its post or reply.</summary>
public sealed record PictureUpload(ProcessedPicture Picture, string AltText);
