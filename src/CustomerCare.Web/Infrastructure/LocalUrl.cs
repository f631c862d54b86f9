using System.Text;

namespace CustomerCare.Web.Infrastructure;

/// <summary>The one guard against open redirects: sign-in, sign-out and the language switch all go through it.</summary>
public static class LocalUrl
{
    /// <summary>
    /// Only a path on this site: never "//host", "/\host", "https://host" or "javascript:", so a crafted
    /// link cannot send people on to a look-alike site. Anything else falls back to the start page. Characters
    /// outside ASCII ("/ü") are percent-encoded: a Location header holds ASCII only, and Kestrel answers a
    /// redirect to "/ü" with an error instead of the page.
    /// </summary>
    public static string OrRoot(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Any(char.IsControl))
        {
            return "/";
        }

        // Pages pass base-relative paths ("admin/users"), without the leading slash.
        if (!url.StartsWith('/') && Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return "/";
        }

        var path = url.StartsWith('/') ? url : "/" + url;
        return path.Length > 1 && path[1] is '/' or '\\' ? "/" : AsciiOnly(path);
    }

    private static string AsciiOnly(string path)
    {
        if (path.All(char.IsAscii))
        {
            return path;
        }

        var ascii = new StringBuilder(path.Length * 3);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                ascii.Append((char)rune.Value);
                continue;
            }

            if (rune == Rune.ReplacementChar && !path.Contains('\uFFFD', StringComparison.Ordinal))
            {
                return "/"; // a lone surrogate: no character at all, so no address either
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                ascii.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return ascii.ToString();
    }
}
