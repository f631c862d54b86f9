using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CustomerCare.Web.Features.Api;

/// <summary>
/// The REST API under <see cref="ApiPaths.Root"/>: every endpoint calls the services the pages call, with the caller's
/// <see cref="Viewer"/>, so there is one set of rules. <see cref="ApiAccess"/> adds the token's scope and the cookie
/// caller's antiforgery; the <see cref="RateLimit"/> policy counts per token. The document is at
/// <see cref="DocumentPath"/>, the reference page (Scalar, its scripts served from the package) at <see cref="DocsPath"/>.
/// </summary>
public static class ApiEndpoints
{
    public const string RateLimit = "api";
    public const string DocumentPath = "/openapi/v1.json";
    public const string DocsPath = "/api/docs";

    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "CustomerCare API";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal access token (ccpat_…) made on the account page: scope read for GETs, write for changes, admin for admin endpoints.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        // Enums by name, as the API reads them (ApiProblems.Json): "status": "Planned", not 2.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure(o => o.AddPolicy(RateLimit, PerToken));
        return services;
    }

    public static void MapApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(ApiPaths.Root).AddEndpointFilter<ApiAccess>().RequireRateLimiting(RateLimit);
        api.MapIdeas();
        api.MapThreads();
        api.MapComplaints();
        api.MapDecisions();
        api.MapUsers();

        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(DocsPath, o =>
        {
            o.Title = "CustomerCare API";
            o.DefaultFonts = false; // the fonts would come from Scalar's CDN; the page works offline without them
            o.Telemetry = false;
            o.OpenApiRoutePattern = "/openapi/{documentName}.json";
        });
    }

    // A token's own bucket; a cookie caller's is the person's; a caller nobody signed in as shares their address's.
    private static RateLimitPartition<string> PerToken(HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue.Api;
        var user = context.User;
        var (key, size) = user.FindFirstValue("cc:token") is { } token ? ($"api|token|{token}", limit.PerAccount)
            : user.FindFirstValue(ClaimTypes.NameIdentifier) is { } person ? ($"api|person|{person}", limit.PerAccount)
            : ($"api|address|{RequestRateLimits.ClientAddress(context.Connection.RemoteIpAddress)}", limit.PerAddress);
        return size == 0
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = size,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = limit.Window / size,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
    }
}
