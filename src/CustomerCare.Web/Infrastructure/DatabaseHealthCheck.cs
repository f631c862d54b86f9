using CustomerCare.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerCare.Web.Infrastructure;

/// <summary>Whether the database can be reached and its migrations are applied (/health, see <see cref="HealthEndpoint"/>).</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<CareDb> dbs, DatabaseSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = settings.Provider.ToString() };
        try
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not accept connections.", data: data);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            data["pendingMigrations"] = pending.Count;
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database is reachable and up to date.", data)
                : HealthCheckResult.Degraded($"The database is reachable but {pending.Count} migration(s) are not applied.", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database could not be reached.", ex, data);
        }
    }
}
