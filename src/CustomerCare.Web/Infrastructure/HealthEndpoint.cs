using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CustomerCare.Data.Entities;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure;

/// <summary>Who may read more of /health than the status (section <c>Health</c>).</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>
    /// A secret a monitor sends in the <see cref="HealthEndpoint.KeyHeader"/> header to read the details (the database
    /// provider, pending migrations, what failed). Empty: only signed-in admins read them.
    /// </summary>
    public string MonitoringKey { get; set; } = "";
}

/// <summary>
/// <c>GET /health</c>: the status for everyone — what a balancer needs (Healthy or Degraded 200, Unhealthy 503) — and the
/// checks' details only for a signed-in admin or a monitor with the key. A stranger learns nothing about what the portal
/// runs on or how its database stands. Exceptions never leave: the details carry each check's own description.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/health";

    public const string KeyHeader = "X-Monitoring-Key";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static void AddHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    public static void MapHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(Path, new() { ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        object body = MayReadDetails(http)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
            }
            : new { status = report.Status.ToString() };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions));
    }

    private static bool MayReadDetails(HttpContext http)
    {
        if (http.User.IsInRole(Roles.Admin))
        {
            return true;
        }

        var key = http.RequestServices.GetRequiredService<IOptions<HealthOptions>>().Value.MonitoringKey;
        return key.Length > 0
            && http.Request.Headers[KeyHeader] is [{ } sent]
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(key));
    }
}
