using System.Net;
using System.Text.Json;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Providers;

/// <summary>The real run: the portal starts on the provider, migrates a fresh database and says so on /health.</summary>
public abstract class DatabaseRunTests(PortalFactory portal)
{
    [Fact]
    public async Task Health_answers_Healthy_with_the_provider_and_no_pending_migrations()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = portal.CreateClient();
        client.DefaultRequestHeaders.Add(HealthEndpoint.KeyHeader, PortalFactory.MonitoringKey);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var data = json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("data");
        Assert.Equal(portal.Provider.ToString(), data.GetProperty("provider").GetString());
        Assert.Equal(0, data.GetProperty("pendingMigrations").GetInt32());
    }

    [Fact]
    public async Task Start_up_applied_every_migration_of_the_provider_to_a_real_database()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<CareDb>>().CreateDbContextAsync(ct);

        var applied = await db.Database.GetAppliedMigrationsAsync(ct);

        Assert.Equal(OfflineDatabase.ExpectedProviderName(portal.Provider), db.Database.ProviderName);
        Assert.NotEmpty(applied);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Equal(
            [Roles.Admin, Roles.Customer, Roles.ProductOwner, Roles.Staff],
            await db.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync(ct));
    }

    [Fact]
    public async Task Dates_and_the_unique_vote_index_behave_on_the_real_database()
    {
        var ct = TestContext.Current.CancellationToken;
        var dbs = portal.Services.GetRequiredService<IDbContextFactory<CareDb>>();
        var when = new DateTime(2026, 3, 1, 12, 30, 0, DateTimeKind.Utc);
        var user = new CareUser { UserName = $"run-{Guid.NewGuid():N}", DisplayName = "Run check", CustomerSince = when };
        var post = new Post { Kind = PostKind.Idea, Title = "Round trip", Body = "Body", AuthorId = user.Id, CreatedAt = when, UpdatedAt = when };
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            db.AddRange(user, post);
            await db.SaveChangesAsync(ct);
            db.Votes.Add(new Vote { PostId = post.Id, UserId = user.Id, CreatedAt = when });
            await db.SaveChangesAsync(ct);
        }

        await using var check = await dbs.CreateDbContextAsync(ct);
        var stored = await check.Posts.AsNoTracking().SingleAsync(p => p.Id == post.Id, ct);
        check.Votes.Add(new Vote { PostId = post.Id, UserId = user.Id, CreatedAt = when });

        Assert.Equal(when, stored.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
        await Assert.ThrowsAsync<DbUpdateException>(() => check.SaveChangesAsync(ct));
    }
}

public sealed class SqliteRunTests(PortalFactory portal) : DatabaseRunTests(portal), IClassFixture<PortalFactory>;

public sealed class PostgresRunTests(PostgresPortalFactory portal) : DatabaseRunTests(portal), IClassFixture<PostgresPortalFactory>;
