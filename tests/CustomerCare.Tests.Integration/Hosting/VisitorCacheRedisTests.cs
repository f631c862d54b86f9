using System.Text.RegularExpressions;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Live;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// Two servers on one database and one Redis (Live:Redis): a page one server kept is the other's too, and a change on
/// either evicts it for both, so the other server's next visitor reads the change.
/// </summary>
public abstract partial class VisitorCacheRedisTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A portal on the database both servers share (its connection string).</summary>
    protected abstract PortalFactory Server(string sharedDatabase);

    protected abstract string NewDatabase();

    protected abstract void DropDatabase();

    [Fact]
    public async Task A_change_on_either_server_makes_the_other_servers_next_visitor_page_fresh()
    {
        var redis = TestDependencies.Redis;
        var channel = LiveServer.NewChannel();
        var database = NewDatabase();
        try
        {
            await using var a = Server(database).With("Live:Redis", redis).With("Live:Channel", channel);
            using var startA = a.CreateClient(); // migrates the shared database before the second server starts
            await using var b = Server(database).With("Live:Redis", redis).With("Live:Channel", channel);
            using var startB = b.CreateClient();
            var idea = await a.ProposeIdeaAsync(await a.AddPersonAsync(Roles.Customer, ct: Ct), ct: Ct);
            var path = $"/posts/{idea}";
            using var onA = new VisitorBrowser(a);
            using var onB = new VisitorBrowser(b);
            await ServedByTheOtherAsync(onA, onB, path);
            await KeptAsync(onA, path);

            Assert.True((await a.Services.GetRequiredService<VoteService>().ToggleAsync(idea, (await a.AddPersonAsync(Roles.Customer, ct: Ct)).Viewer, Ct)).Changed);

            Assert.Matches(VoteCountOne(), await onB.FreshAsync(path));
            await KeptAsync(onB, path);
            var reply = await b.Services.GetRequiredService<ThreadService>()
                .ReplyAsync(idea, null, "Seen on server B", false, (await b.AddPersonAsync(Roles.Customer, ct: Ct)).Viewer, Ct);
            Assert.True(reply.Succeeded);
            Assert.Contains("Seen on server B", await onA.FreshAsync(path), StringComparison.Ordinal);
        }
        finally
        {
            DropDatabase();
        }
    }

    [Fact]
    public async Task With_Redis_unreachable_a_visitor_still_gets_every_page_made_afresh()
    {
        var database = NewDatabase();
        try
        {
            await using var portal = Server(database).With("Live:Redis", $"127.0.0.1:{RedisServerProcess.FreePort()}");
            var idea = await portal.ProposeIdeaAsync(await portal.AddPersonAsync(Roles.Customer, ct: Ct), TestPeople.UniqueTitle("Without Redis"), ct: Ct);
            using var visitor = new VisitorBrowser(portal);

            foreach (var path in new[] { "/", $"/posts/{idea}", $"/posts/{idea}" })
            {
                var page = await visitor.GetAsync(path);
                Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
                Assert.False(page.FromCache);
            }
        }
        finally
        {
            DropDatabase();
        }
    }

    // A server hears the other's events a moment later and evicts then too: a page kept in that moment goes (a copy
    // wasted, never a stale one), so these ask again until the page stays.
    private static async Task KeptAsync(VisitorBrowser visitor, string path) =>
        await EventuallyAsync(async _ => (await visitor.GetAsync(path)).FromCache, $"{path} kept");

    // A new address each time (the query string makes its own copy): only a copy the keeper put into Redis can answer it.
    private static async Task ServedByTheOtherAsync(VisitorBrowser keeper, VisitorBrowser other, string path) =>
        await EventuallyAsync(
            async attempt =>
            {
                await keeper.GetAsync($"{path}?attempt={attempt}");
                return (await other.GetAsync($"{path}?attempt={attempt}")).FromCache;
            },
            $"{path} kept by one server and served by the other");

    private static async Task EventuallyAsync(Func<int, Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Wait;
        for (var attempt = 0; !await condition(attempt); attempt++)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {TestTimeouts.Wait.TotalSeconds:0} s for {what}.");
            await Task.Delay(100, Ct);
        }
    }

    [GeneratedRegex("data-testid=\"vote-count\"[^>]*>1<")]
    private static partial Regex VoteCountOne();
}

/// <summary>Two servers on one SQLite file: what the test needs, though a real second server needs a shared database server.</summary>
public sealed class SqliteVisitorCacheRedisTests : VisitorCacheRedisTests
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "customercare-tests", Guid.NewGuid().ToString("N"));

    protected override string NewDatabase()
    {
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "shared.db")}";
    }

    protected override PortalFactory Server(string sharedDatabase) => new EmptyPortalFactory().With("ConnectionStrings:CustomerCare", sharedDatabase);

    protected override void DropDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // the OS temp folder is cleaned anyway
        }
    }
}

public sealed class PostgresVisitorCacheRedisTests : VisitorCacheRedisTests
{
    private string? name;

    protected override string NewDatabase()
    {
        name = $"cc_test_{Guid.NewGuid():N}";
        return new NpgsqlConnectionStringBuilder(TestDependencies.Postgres) { Database = name }.ConnectionString;
    }

    protected override PortalFactory Server(string sharedDatabase) =>
        new EmptyPostgresPortalFactory().With("ConnectionStrings:CustomerCare", sharedDatabase);

    protected override void DropDatabase()
    {
        if (name is null)
        {
            return;
        }

        PortalFactory.DropPostgresDatabase(name);
    }
}
