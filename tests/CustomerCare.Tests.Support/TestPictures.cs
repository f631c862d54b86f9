using CustomerCare.Web.Features.Pictures;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace CustomerCare.Tests.Support;

/// <summary>Pictures for the tests, drawn with SkiaSharp: a "screenshot" PNG, and one made ready to send by the portal's processor.</summary>
public static class TestPictures
{
    /// <summary>An opaque PNG of <paramref name="width"/> × <paramref name="height"/>: a grey bar over white, like a window.</summary>
    public static byte[] Screenshot(int width = 320, int height = 200)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var bar = new SKPaint { Color = SKColors.SlateGray };
            canvas.DrawRect(0, 0, width, height / 8f, bar);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A screenshot as the composer hands it to a reply: processed by the portal, with its description.</summary>
    public static async Task<PictureUpload> UploadAsync(IServiceProvider services, string altText = "The router's settings page", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var processed = await services.GetRequiredService<PictureProcessor>().ProcessAsync(Screenshot(), "screenshot.png", "image/png", ct);
        return new(processed.Picture ?? throw new InvalidOperationException($"The test picture was refused: {processed.Problem}"), altText);
    }
}
