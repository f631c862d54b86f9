using CustomerCare.Data;
using CustomerCare.Data.Insights;
using CustomerCare.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerCare.Web.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>
    /// Checks the configured database, applies migrations (unless turned off) and seeds demo data when
    /// asked. Returns false, after one clear log line that names the setting to fix, when the portal
    /// cannot work with the database it was given.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CustomerCare.Database");
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        if (settings.Error is not null)
        {
            logger.LogCritical("CustomerCare cannot start: {Problem}", settings.Error);
            return false;
        }

        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var dbs = app.Services.GetRequiredService<IDbContextFactory<CareDb>>();
        try
        {
            settings.EnsureSqliteFolder();
            await using var db = await dbs.CreateDbContextAsync();
            if (options.MigrateOnStartup)
            {
                await db.Database.MigrateAsync();
            }
            else if (!await db.Database.CanConnectAsync())
            {
                throw new InvalidOperationException("the server did not accept a connection");
            }
            else if ((await db.Database.GetPendingMigrationsAsync()).Any())
            {
                logger.LogWarning("The database has migrations that are not applied and Database:MigrateOnStartup is off. Apply them before users arrive.");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogCritical(
                "CustomerCare cannot start: the {Provider} database in ConnectionStrings:CustomerCare could not be opened ({Reason}). Fix ConnectionStrings:CustomerCare or Database:Provider.",
                settings.Provider, ex.GetBaseException().Message);
            return false;
        }

        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            if (seeded)
            {
                logger.LogInformation("Demo data seeded: accounts and posts of the fictional company are ready.");
            }
        }

        // Counts the insights keep in step, for what came before them (an upgraded database, the demo's complaints).
        await using (var db = await dbs.CreateDbContextAsync())
        {
            var counted = await VoteBands.BackfillAsync(db);
            var rebuilt = await ComplaintWaits.BackfillAsync(db);
            if (counted + rebuilt > 0)
            {
                logger.LogInformation("Insights: counted the voters' tenure on {Posts} posts and rebuilt the waits of {Complaints} complaints.", counted, rebuilt);
            }
        }

        return true;
    }
}
