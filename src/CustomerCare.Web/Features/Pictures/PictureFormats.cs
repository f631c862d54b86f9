using System.Buffers.Binary;

namespace CustomerCare.Web.Features.Pictures;

/// <summary>The three formats the portal takes, told by their bytes, and where each file's own data ends.</summary>
public enum PictureFormat
{
    Png,
    Jpeg,
    WebP,
}

/// <summary>
/// Reads a file's container, not its pixels: which format the bytes are (magic numbers), whether the name and declared
/// type agree with them, and where the image ends, so bytes appended behind it (a ZIP, HTML, a script: a polyglot)
/// are found before anything is decoded.
/// </summary>
public static class PictureFormats
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static PictureFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(PngSignature))
        {
            return PictureFormat.Png;
        }

        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return PictureFormat.Jpeg;
        }

        return bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? PictureFormat.WebP : null;
    }

    /// <summary>
    /// Whether what the browser said (the file's name, its declared type) names <paramref name="format"/>; what it did not
    /// say is not held against it, what it said otherwise is.
    /// </summary>
    public static bool Agrees(PictureFormat format, string? fileName, string? declaredType)
    {
        var extension = Path.GetExtension(fileName ?? "").ToUpperInvariant();
        var byName = extension switch
        {
            "" => (PictureFormat?)format,
            ".PNG" => PictureFormat.Png,
            ".JPG" or ".JPEG" or ".JPE" or ".JFIF" => PictureFormat.Jpeg,
            ".WEBP" => PictureFormat.WebP,
            _ => null,
        };
        var byType = (declaredType ?? "").Trim().ToUpperInvariant() switch
        {
            "" => (PictureFormat?)format,
            "IMAGE/PNG" => PictureFormat.Png,
            "IMAGE/JPEG" or "IMAGE/JPG" or "IMAGE/PJPEG" => PictureFormat.Jpeg,
            "IMAGE/WEBP" => PictureFormat.WebP,
            _ => null,
        };
        return byName == format && byType == format;
    }

    /// <summary>Where the image's own data ends; null when the container breaks off before its end (truncated).</summary>
    public static int? End(PictureFormat format, ReadOnlySpan<byte> bytes) => format switch
    {
        PictureFormat.Png => PngEnd(bytes),
        PictureFormat.Jpeg => JpegEnd(bytes),
        _ => WebPEnd(bytes),
    };

    // Chunks of length, type, data and CRC up to IEND.
    private static int? PngEnd(ReadOnlySpan<byte> bytes)
    {
        var at = PngSignature.Length;
        while (at + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
            if (length > int.MaxValue || at + 12L + length > bytes.Length)
            {
                return null;
            }

            var type = bytes.Slice(at + 4, 4);
            at += 12 + (int)length;
            if (type.SequenceEqual("IEND"u8))
            {
                return at;
            }
        }

        return null;
    }

    // Marker segments carry their length; entropy-coded data after a start of scan runs to the next marker that is
    // neither a stuffed 0xFF00 nor a restart. The end is the first EOI outside segments (an EXIF thumbnail's EOI is inside
    // its APP1 segment and skipped with it).
    private static int? JpegEnd(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 1 < bytes.Length)
        {
            if (bytes[at] != 0xFF)
            {
                return null;
            }

            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            if (marker == 0xD9)
            {
                return at + 2;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                at += 2;
                continue;
            }

            if (at + 3 >= bytes.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2)..]);
            at += 2 + length;
            if (length < 2 || at > bytes.Length)
            {
                return null;
            }

            if (marker == 0xDA)
            {
                at = SkipScan(bytes, at);
            }
        }

        return null;
    }

    private static int SkipScan(ReadOnlySpan<byte> bytes, int at)
    {
        while (at + 1 < bytes.Length)
        {
            if (bytes[at] == 0xFF && bytes[at + 1] != 0x00 && bytes[at + 1] is not (>= 0xD0 and <= 0xD7))
            {
                return at;
            }

            at++;
        }

        return bytes.Length;
    }

    // RIFF says its own size: the file is 8 bytes of header and that many more (padded to even).
    private static int? WebPEnd(ReadOnlySpan<byte> bytes)
    {
        var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        var end = 8L + size + (size % 2);
        return end > bytes.Length ? null : (int)end;
    }
}
