using CustomerCare.Data;
using CustomerCare.Data.Seeding;
using CustomerCare.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Seeding;

/// <summary>The same demo data on PostgreSQL (timestamptz, text enums, one big insert), not only on SQLite.</summary>
public sealed class DemoSeedingOnPostgresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_data_is_seeded_and_consistent_on_PostgreSQL()
    {
        _ = TestDependencies.Postgres;
        await using var portal = new PostgresPortalFactory();
        var dbs = portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();

        await using (var db = await dbs.CreateDbContextAsync(Ct))
        {
            Assert.True(await db.Posts.CountAsync(Ct) >= 30, "The demo company should have its ideas and complaints on PostgreSQL too.");
            Assert.True(await db.Replies.AnyAsync(r => r.ParentReplyId != null, Ct), "Nested replies should survive the insert order on PostgreSQL.");
        }

        await DemoDataChecks.AssertEveryDemoAccountSignsInAsync(portal.Services, Ct);
        await DemoDataChecks.AssertCountersMatchRowsAsync(dbs, Ct);
        await DemoDataChecks.AssertComplaintOwnersKeepTheirPromiseAsync(dbs, Ct);
        await DemoDataChecks.AssertAnswersKeepTheRulesAsync(dbs, Ct);

        var rows = await DemoDataChecks.CountRowsAsync(dbs, Ct);
        await using var scope = portal.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(Ct));
        Assert.Equal(rows, await DemoDataChecks.CountRowsAsync(dbs, Ct));
    }
}
