namespace CustomerCare.Web.Components;

/// <summary>The dark-mode choice lives in a cookie so that even the first, server-rendered paint is right.</summary>
public static class ThemePreference
{
    public const string CookieName = "cc-theme";
    public const string Dark = "dark";
    public const string Light = "light";
}
