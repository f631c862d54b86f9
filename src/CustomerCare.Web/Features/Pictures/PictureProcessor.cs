using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace CustomerCare.Web.Features.Pictures;

/// <summary>
/// Turns an uploaded file into a picture the portal may keep, or refuses it: at most <see cref="PictureOptions.MaxBytes"/>
/// read; PNG, JPEG or WebP by their bytes, agreeing with the name and declared type; nothing behind the image's end; the
/// size read from the header before any pixel is decoded; a complete decode. What is kept is drawn anew (EXIF turned,
/// longest side bounded) and encoded without any of the file's metadata (EXIF, GPS, comments): JPEG when every pixel is
/// opaque, PNG otherwise; and a thumbnail.
/// </summary>
public sealed class PictureProcessor(IOptions<PictureOptions> options) : IDisposable
{
    private const int JpegQuality = 85;

    // A decode holds up to MaxPixels × 4 bytes; two at a time keep a burst of uploads from taking the server's memory.
    private readonly SemaphoreSlim decoding = new(2, 2);

    private PictureOptions Options => options.Value;

    /// <summary>A file chosen in the browser: one that says it is too large is refused before a byte of it is read.</summary>
    public async Task<PictureProcessing> ProcessAsync(IBrowserFile file, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Size > Options.MaxBytes)
        {
            return PictureProcessing.Refused(PictureProblem.TooLarge);
        }

        await using var stream = file.OpenReadStream(Options.MaxBytes, ct);
        return await ProcessAsync(stream, file.Name, file.ContentType, ct);
    }

    /// <summary>Reads the file to its end, refusing it as soon as it passes the size limit.</summary>
    public async Task<PictureProcessing> ProcessAsync(Stream content, string? fileName, string? declaredType, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var limit = Options.MaxBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await content.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return PictureProcessing.Refused(PictureProblem.TooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException)
        {
            // A browser file stream opened with a maximum throws once the file passes it.
            return PictureProcessing.Refused(PictureProblem.TooLarge);
        }

        return await ProcessAsync(buffer.ToArray(), fileName, declaredType, ct);
    }

    public async Task<PictureProcessing> ProcessAsync(byte[] bytes, string? fileName, string? declaredType, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > Options.MaxBytes)
        {
            return PictureProcessing.Refused(PictureProblem.TooLarge);
        }

        if (Check(bytes, fileName, declaredType) is { } problem)
        {
            return PictureProcessing.Refused(problem);
        }

        await decoding.WaitAsync(ct);
        try
        {
            return Decode(bytes);
        }
        finally
        {
            decoding.Release();
        }
    }

    private static PictureProblem? Check(byte[] bytes, string? fileName, string? declaredType)
    {
        if (PictureFormats.Sniff(bytes) is not { } format)
        {
            return PictureProblem.NotAPicture;
        }

        if (!PictureFormats.Agrees(format, fileName, declaredType))
        {
            return PictureProblem.Mislabelled;
        }

        if (PictureFormats.End(format, bytes) is not { } end)
        {
            return PictureProblem.Truncated;
        }

        // Behind the image's end nothing is allowed but a little zero padding some writers leave.
        var trailing = bytes.AsSpan(end);
        return trailing.Length > 16 || trailing.ContainsAnyExcept((byte)0) ? PictureProblem.TrailingData : null;
    }

    private PictureProcessing Decode(byte[] bytes)
    {
        using var codec = SKCodec.Create(new MemoryStream(bytes, writable: false), out var created);
        if (codec is null)
        {
            return PictureProcessing.Refused(created == SKCodecResult.IncompleteInput ? PictureProblem.Truncated : PictureProblem.Unreadable);
        }

        // The header's claim is judged before a byte of pixels is allocated.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || width > Options.MaxSide || height > Options.MaxSide || (long)width * height > Options.MaxPixels)
        {
            return PictureProcessing.Refused(PictureProblem.TooManyPixels);
        }

        var origin = codec.EncodedOrigin;
        var turned = PictureOrientation.SwapsSides(origin);
        var (shownWidth, shownHeight) = turned ? (height, width) : (width, height);
        var (outWidth, outHeight) = Bounded(shownWidth, shownHeight, Options.LongestSide);

        // JPEG decodes straight to a smaller size (1/2, 1/4, 1/8) when that is still at least the size kept.
        var decodeSize = codec.GetScaledDimensions((float)Math.Max(outWidth, outHeight) / Math.Max(shownWidth, shownHeight));
        var (decodeOutW, decodeOutH) = turned ? (decodeSize.Height, decodeSize.Width) : (decodeSize.Width, decodeSize.Height);
        if (decodeOutW < outWidth || decodeOutH < outHeight)
        {
            decodeSize = new SKSizeI(width, height);
        }

        var info = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result == SKCodecResult.IncompleteInput || result == SKCodecResult.ErrorInInput)
        {
            return PictureProcessing.Refused(PictureProblem.Truncated);
        }

        if (result != SKCodecResult.Success)
        {
            return PictureProcessing.Refused(PictureProblem.Unreadable);
        }

        using var image = SKImage.FromBitmap(decoded);
        using var full = PictureOrientation.Draw(image, origin, outWidth, outHeight);
        var (thumbWidth, thumbHeight) = Bounded(outWidth, outHeight, Options.ThumbnailSide);
        using var fullImage = SKImage.FromBitmap(full);
        using var thumb = PictureOrientation.Draw(fullImage, SKEncodedOrigin.TopLeft, thumbWidth, thumbHeight);

        var opaque = IsOpaque(full);
        var format = opaque ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png;
        var contentType = opaque ? "image/jpeg" : "image/png";
        return new(new ProcessedPicture(contentType, Encode(full, format), outWidth, outHeight, Encode(thumb, format), thumbWidth, thumbHeight), null);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using var encoded = bitmap.Encode(format, JpegQuality);
        return encoded.ToArray();
    }

    private static bool IsOpaque(SKBitmap bitmap)
    {
        var pixels = bitmap.GetPixelSpan();
        for (var i = 3; i < pixels.Length; i += 4)
        {
            if (pixels[i] != 0xFF)
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => decoding.Dispose();

    public static (int Width, int Height) Bounded(int width, int height, int longest)
    {
        var longer = Math.Max(width, height);
        if (longer <= longest)
        {
            return (width, height);
        }

        var scale = (double)longest / longer;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
