using SkiaSharp;

namespace CustomerCare.Web.Features.Pictures;

/// <summary>Draws a decoded image upright (as its EXIF orientation says) at the size it is kept; the EXIF itself is not kept.</summary>
internal static class PictureOrientation
{
    public static bool SwapsSides(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>A new bitmap of <paramref name="width"/> × <paramref name="height"/> (the upright size) with the image drawn in.</summary>
    public static SKBitmap Draw(SKImage image, SKEncodedOrigin origin, int width, int height)
    {
        var (w, h) = (image.Width, image.Height);
        var upright = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var (uprightWidth, uprightHeight) = SwapsSides(origin) ? (h, w) : (w, h);
        var scale = SKMatrix.CreateScale((float)width / uprightWidth, (float)height / uprightHeight);

        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(scale.PreConcat(upright));
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        return bitmap;
    }
}
