namespace CustomerCare.Web.Infrastructure;

/// <summary>The one guard against open redirects: sign-in, sign-out and the language switch all go through it.</summary>
public static class LocalUrl
{
    /// <summary>
    /// Only a path on this site: never "//host", "/\host", "https://host" or "javascript:", so a crafted
    /// link cannot send people on to a look-alike site. Anything else falls back to the start page.
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
        return path.Length > 1 && path[1] is '/' or '\\' ? "/" : path;
    }
}
