namespace CustomerCare.Web.Components;

/// <summary>The dark-mode choice lives in a cookie so that even the first, server-rendered paint is right.</summary>
public static class ThemePreference
{
    public const string CookieName = "cc-theme";
    public const string Dark = "dark";
    public const string Light = "light";

    /// <summary>
    /// The remembered choice: <see cref="Dark"/> or <see cref="Light"/>; null when there is none (or the cookie holds
    /// anything else), and then the page follows the operating system's dark mode (Layout/SystemDarkTheme).
    /// </summary>
    public static string? Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies[CookieName] switch
        {
            Dark => Dark,
            Light => Light,
            _ => null,
        };
    }
}
