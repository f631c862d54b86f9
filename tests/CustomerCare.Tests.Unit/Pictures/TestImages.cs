using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace CustomerCare.Tests.Unit.Pictures;

/// <summary>Pictures made for the tests: encoded by SkiaSharp, then given what cameras and attackers add.</summary>
internal static class TestImages
{
    public static byte[] Encoded(SKEncodedImageFormat format, int width, int height, bool transparent = false)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(transparent ? SKColors.Transparent : SKColors.White);
            using var paint = new SKPaint { Color = SKColors.OrangeRed };
            canvas.DrawRect(0, 0, width / 2f, height / 4f, paint);
        }

        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>
    /// The JPEG with an EXIF APP1 segment after SOI, as a phone writes it: orientation (6, turned right) and a GPS IFD with
    /// latitude reference "N" and a latitude of 52° 31' 12".
    /// </summary>
    public static byte[] WithExifGps(byte[] jpeg, ushort orientation = 6)
    {
        var tiff = new List<byte>();
        tiff.AddRange("MM\0*"u8.ToArray());
        tiff.AddRange(U32(8));
        // IFD0 at 8: two entries (orientation, GPS IFD pointer), then the next-IFD offset.
        tiff.AddRange(U16(2));
        tiff.AddRange(Entry(0x0112, 3, 1, (uint)orientation << 16));
        const uint gpsAt = 8 + 2 + (2 * 12) + 4;
        tiff.AddRange(Entry(0x8825, 4, 1, gpsAt));
        tiff.AddRange(U32(0));
        // GPS IFD: GPSLatitudeRef "N", GPSLatitude (three rationals, stored after the IFD).
        tiff.AddRange(U16(2));
        tiff.AddRange(Entry(0x0001, 2, 2, 0x4E000000));
        const uint rationalsAt = gpsAt + 2 + (2 * 12) + 4;
        tiff.AddRange(Entry(0x0002, 5, 3, rationalsAt));
        tiff.AddRange(U32(0));
        foreach (var (numerator, denominator) in new[] { (52u, 1u), (31u, 1u), (12u, 1u) })
        {
            tiff.AddRange(U32(numerator));
            tiff.AddRange(U32(denominator));
        }

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[] { 0xFF, 0xE1 }.Concat(U16((ushort)(payload.Length + 2))).Concat(payload);
        return jpeg[..2].Concat(segment).Concat(jpeg[2..]).ToArray();
    }

    /// <summary>A PNG whose header claims <paramref name="width"/> × <paramref name="height"/>, with a token IDAT.</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 6;
        var zlibEmpty = new byte[] { 0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 };
        return new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }
            .Concat(Chunk("IHDR", ihdr)).Concat(Chunk("IDAT", zlibEmpty)).Concat(Chunk("IEND", [])).ToArray();
    }

    public static byte[] Append(byte[] image, string text) => image.Concat(Encoding.ASCII.GetBytes(text)).ToArray();

    /// <summary>Whether <paramref name="needle"/> occurs anywhere in <paramref name="bytes"/>.</summary>
    public static bool Contains(byte[] bytes, ReadOnlySpan<byte> needle) => bytes.AsSpan().IndexOf(needle) >= 0;

    private static byte[] Chunk(string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        return U32((uint)data.Length).Concat(typed).Concat(U32(Crc32(typed))).ToArray();
    }

    private static byte[] Entry(ushort tag, ushort type, uint count, uint value) =>
        [.. U16(tag), .. U16(type), .. U32(count), .. U32(value)];

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
