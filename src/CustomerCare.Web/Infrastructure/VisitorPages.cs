using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure;

/// <summary>
/// A visitor's page: somebody who is not signed in reads one of the portal's pages. App.razor renders it statically (no
/// circuit), and the output cache may keep it for the next visitor, so it must carry nothing made for this one answer.
/// Blazor adds an antiforgery token to every page it renders while the app has an interactive render mode (the token
/// travels in the page's persisted state for a circuit that a visitor's page never starts), and with it the token's
/// cookie and "no-store". Nothing on a visitor's page posts a form, so that cookie and those headers are taken off its
/// answer here. The account pages (excluded from interactive routing) keep theirs: their forms post.
/// </summary>
public static class VisitorPages
{
    /// <summary>True for a GET or HEAD of a page (not an account page) by somebody who is not signed in.</summary>
    public static bool IsVisitorPage(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return VisitorCache.IsVisitor(context)
            && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            && context.AcceptsInteractiveRouting();
    }

    /// <summary>After authentication (it asks who is signed in), before the pages.</summary>
    public static void UseVisitorPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cookieName = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        app.Use((context, next) =>
        {
            if (IsVisitorPage(context))
            {
                // Registered before the page renders, so it runs after the antiforgery system set its headers.
                context.Response.OnStarting(() =>
                {
                    WithoutAntiforgery(context.Response.Headers, cookieName);
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
    }

    /// <summary>
    /// Takes the antiforgery cookie off an answer, and the "no-cache, no-store" that came with it; the output cache calls
    /// it too, for the headers it copies before the response starts (VisitorCache).
    /// </summary>
    internal static void WithoutAntiforgery(IHeaderDictionary headers, string? cookieName)
    {
        if (cookieName is null || headers.SetCookie.Count == 0)
        {
            return;
        }

        var others = headers.SetCookie.Where(c => c is not null && !c.StartsWith(cookieName + "=", StringComparison.Ordinal)).ToArray();
        if (others.Length == headers.SetCookie.Count)
        {
            return;
        }

        if (others.Length == 0)
        {
            headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.SetCookie);
        }
        else
        {
            headers.SetCookie = others;
        }

        // What the antiforgery system sets beside its cookie; a visitor's page may be kept by caches.
        if (headers.CacheControl == "no-cache, no-store")
        {
            headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.CacheControl);
            headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.Pragma);
        }
    }
}
