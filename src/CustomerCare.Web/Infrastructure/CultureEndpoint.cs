using Microsoft.AspNetCore.Localization;

namespace CustomerCare.Web.Infrastructure;

public static class CultureEndpoint
{
    /// <summary>
    /// Remembers the chosen language in the standard culture cookie and returns to the page. A Blazor
    /// circuit takes its culture from the request that opened it, so the switch is a full reload.
    /// </summary>
    public static void MapCultureEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/set", (string? culture, string? redirectUri, HttpContext http) =>
        {
            if (culture is not null && HostingExtensions.Cultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }

            return Results.LocalRedirect(LocalUrl.OrRoot(redirectUri));
        });
    }
}
