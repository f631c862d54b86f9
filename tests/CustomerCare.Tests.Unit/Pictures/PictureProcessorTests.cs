using CustomerCare.Web.Features.Pictures;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace CustomerCare.Tests.Unit.Pictures;

/// <summary>What the processor keeps of a file, and every kind of file it refuses, with generated pictures.</summary>
public sealed class PictureProcessorTests : IDisposable
{
    private readonly PictureProcessor processor = new(Options.Create(new PictureOptions()));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => processor.Dispose();

    [Fact]
    public async Task A_jpeg_with_gps_comes_back_without_any_exif_and_turned_upright()
    {
        var camera = TestImages.WithExifGps(TestImages.Encoded(SKEncodedImageFormat.Jpeg, 40, 20));
        Assert.True(TestImages.Contains(camera, "Exif\0\0"u8));
        Assert.True(TestImages.Contains(camera, [0x88, 0x25]));

        var result = await processor.ProcessAsync(camera, "holiday.jpg", "image/jpeg", Ct);

        var picture = Assert.IsType<ProcessedPicture>(result.Picture);
        Assert.Equal("image/jpeg", picture.ContentType);
        foreach (var kept in new[] { picture.Data, picture.Thumbnail })
        {
            Assert.False(TestImages.Contains(kept, "Exif"u8), "an EXIF segment survived");
            Assert.False(TestImages.Contains(kept, [0x88, 0x25]), "the GPS IFD pointer survived");
            Assert.False(TestImages.Contains(kept, [0x00, 0x02, 0x00, 0x05, 0x00, 0x00, 0x00, 0x03]), "the GPS latitude survived");
        }

        // Orientation 6: the 40 × 20 picture stands 20 × 40 once upright.
        Assert.Equal((20, 40), (picture.Width, picture.Height));
        using var decoded = SKBitmap.Decode(picture.Data);
        Assert.Equal((20, 40), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task A_large_photo_is_bounded_and_gets_a_thumbnail()
    {
        var photo = TestImages.Encoded(SKEncodedImageFormat.Jpeg, 3000, 1500);

        var picture = (await processor.ProcessAsync(photo, "big.jpeg", "image/jpeg", Ct)).Picture!;

        Assert.Equal((2048, 1024), (picture.Width, picture.Height));
        Assert.Equal((480, 240), (picture.ThumbWidth, picture.ThumbHeight));
        using var thumb = SKBitmap.Decode(picture.Thumbnail);
        Assert.Equal((480, 240), (thumb.Width, thumb.Height));
    }

    [Fact]
    public async Task A_transparent_png_stays_a_png_and_an_opaque_webp_becomes_a_jpeg()
    {
        var png = await processor.ProcessAsync(TestImages.Encoded(SKEncodedImageFormat.Png, 64, 32, transparent: true), "shot.png", "image/png", Ct);
        var webp = await processor.ProcessAsync(TestImages.Encoded(SKEncodedImageFormat.Webp, 64, 32), "shot.webp", "image/webp", Ct);

        Assert.Equal(("image/png", 64, 32), (png.Picture!.ContentType, png.Picture.Width, png.Picture.Height));
        Assert.Equal(PictureFormat.Png, PictureFormats.Sniff(png.Picture.Data));
        Assert.Equal(("image/jpeg", 64, 32), (webp.Picture!.ContentType, webp.Picture.Width, webp.Picture.Height));
        Assert.Equal(PictureFormat.Jpeg, PictureFormats.Sniff(webp.Picture.Data));
    }

    [Theory]
    [InlineData("photo.jpg", "image/png")]
    [InlineData("photo.png", "image/jpeg")]
    [InlineData("photo.jpg", "")]
    [InlineData("photo.gif", "image/png")]
    public async Task A_png_named_or_declared_as_something_else_is_mislabelled(string name, string type)
    {
        var png = TestImages.Encoded(SKEncodedImageFormat.Png, 8, 8);

        var result = await processor.ProcessAsync(png, name, type, Ct);

        Assert.Equal(PictureProblem.Mislabelled, result.Problem);
    }

    [Fact]
    public async Task A_pasted_png_without_a_declared_type_is_taken_by_its_name()
    {
        var png = TestImages.Encoded(SKEncodedImageFormat.Png, 8, 8);

        Assert.Null((await processor.ProcessAsync(png, "image.png", "", Ct)).Problem);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "cut.png", "image/png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "cut.jpg", "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, "cut.webp", "image/webp")]
    public async Task A_truncated_file_is_refused(SKEncodedImageFormat format, string name, string type)
    {
        var whole = TestImages.Encoded(format, 200, 120);

        var result = await processor.ProcessAsync(whole[..(whole.Length * 2 / 3)], name, type, Ct);

        Assert.Equal(PictureProblem.Truncated, result.Problem);
        Assert.Null(result.Picture);
    }

    [Theory]
    [InlineData("<html><body><script>alert(document.cookie)</script></body></html>")]
    [InlineData("PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000payload.js")]
    public async Task A_png_or_jpeg_carrying_something_behind_its_end_is_a_polyglot_and_refused(string payload)
    {
        var png = TestImages.Append(TestImages.Encoded(SKEncodedImageFormat.Png, 16, 16), payload);
        var jpeg = TestImages.Append(TestImages.Encoded(SKEncodedImageFormat.Jpeg, 16, 16), payload);

        Assert.Equal(PictureProblem.TrailingData, (await processor.ProcessAsync(png, "a.png", "image/png", Ct)).Problem);
        Assert.Equal(PictureProblem.TrailingData, (await processor.ProcessAsync(jpeg, "a.jpg", "image/jpeg", Ct)).Problem);
    }

    [Fact]
    public async Task A_png_whose_header_claims_50000_by_50000_is_refused_before_decoding()
    {
        var bomb = TestImages.PngClaiming(50_000, 50_000);

        var result = await processor.ProcessAsync(bomb, "bomb.png", "image/png", Ct);

        Assert.Equal(PictureProblem.TooManyPixels, result.Problem);
    }

    [Fact]
    public async Task A_file_over_5_MB_is_refused_without_reading_it_all()
    {
        using var content = new MemoryStream(new byte[12 * 1024 * 1024]);

        var result = await processor.ProcessAsync(content, "huge.png", "image/png", Ct);

        Assert.Equal(PictureProblem.TooLarge, result.Problem);
        Assert.InRange(content.Position, 5 * 1024 * 1024, (5 * 1024 * 1024) + 81920);
    }

    [Fact]
    public async Task Html_or_a_gif_is_not_a_picture()
    {
        var html = "<!DOCTYPE html><img src=x onerror=alert(1)>"u8.ToArray();
        var gif = "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray();

        Assert.Equal(PictureProblem.NotAPicture, (await processor.ProcessAsync(html, "x.png", "image/png", Ct)).Problem);
        Assert.Equal(PictureProblem.NotAPicture, (await processor.ProcessAsync(gif, "x.gif", "image/gif", Ct)).Problem);
    }
}
