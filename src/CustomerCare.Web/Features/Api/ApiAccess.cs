using CustomerCare.Data.Entities;
using Microsoft.AspNetCore.Antiforgery;

namespace CustomerCare.Web.Features.Api;

/// <summary>Marks an endpoint that needs a token of the admin scope (when called with a token).</summary>
public sealed class AdminScopeMetadata;

/// <summary>
/// What a caller must bring beyond the person's own rights (which the services decide): a token's scope — read for
/// GETs, write for changes, admin for <see cref="AdminScopeMetadata"/> endpoints — and, for a page calling with its
/// sign-in cookie, the antiforgery token on every change (a browser sends the cookie to any site's form; it sends no
/// Authorization header).
/// </summary>
public sealed class ApiAccess(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var reads = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        var needed = http.GetEndpoint()?.Metadata.GetMetadata<AdminScopeMetadata>() is not null ? TokenScope.Admin
            : reads ? TokenScope.Read : TokenScope.Write;
        if (http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true)
        {
            // A token was presented and refused: say why (401), even where a visitor without one may read.
            return TypedResults.Challenge();
        }

        if (ApiAuthenticationWiring.TokenScopeOf(http.User) is { } scope)
        {
            if (scope < needed)
            {
                return ApiProblems.Forbidden(
                    $"This token has the {scope.ToString().ToLowerInvariant()} scope; this request needs the {needed.ToString().ToLowerInvariant()} scope.");
            }
        }
        else if (!reads && http.User.Identity?.IsAuthenticated == true)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Antiforgery token missing",
                    "A change made with the sign-in cookie needs the antiforgery token (GET /api/v1/antiforgery) in the RequestVerificationToken header; scripts use a personal access token instead.");
            }
        }

        return await next(context);
    }
}
