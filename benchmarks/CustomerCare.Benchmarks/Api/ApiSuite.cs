using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CustomerCare.Benchmarks.Seeding;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Web.Features.Api;
using CustomerCare.Web.Features.Ideas;
using CustomerCare.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Benchmarks.Api;

/// <summary>
/// Issue 20, item 5: listing ideas through the API at 100,000 ideas, p95 ≤ 10 ms. Seeds the board suite's board
/// (<see cref="BoardSeeder"/>, <see cref="BoardSize"/>), makes a read token for a seeded customer with the real
/// <see cref="AccessTokenService"/>, and times <c>GET /api/v1/ideas</c> over HTTP on Kestrel (127.0.0.1) end to end —
/// token check, rate limit, query, JSON, socket — interleaved with the page's own query (BoardService.ListAsync with
/// the same BoardQuery), so load from other processes falls on both alike. Each API page must list the very ideas
/// the page's query lists.
/// </summary>
public static class ApiSuite
{
    public const string TableHeader = """
        | Database | Query | API p50 ms | API p95 ms | API p99 ms | page p50 ms | page p95 ms | page p99 ms | API − page p95 ms | goal (API p95 ≤ 10 ms) |
        |---|---|---:|---:|---:|---:|---:|---:|---:|---|
        """;

    public const string LaterPage = "Top, later page (cursor)";

    public static async Task<string> RunAsync(BenchOptions options, DatabaseProvider provider, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = options.Board;
        options.Log.WriteLine($"== api on {provider}: {size.Ideas:N0} ideas, {size.Votes:N0} votes, {size.Replies:N0} replies, {size.Users:N0} users");
        await using var host = await PortalHost.CreateAsync(provider, options.PostgresServer, b =>
        {
            b.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            // One token asks far more often than RateLimits:Api allows a person (600 a minute): the limiter stays in
            // the path, so its cost is measured, but no request is refused.
            b.Configuration["RateLimits:Api:PerAccount"] = "1000000";
        });
        var data = new BoardData(size, DateTime.UtcNow);
        var seeded = await BoardSeeder.SeedAsync(host, data, options, ct);
        options.Log.WriteLine($"seeded {seeded.Rows:N0} rows in {seeded.Elapsed.TotalSeconds:F1} s");
        string slug;
        await using (var db = await host.Dbs.CreateDbContextAsync(ct))
        {
            slug = await db.Categories.OrderBy(c => c.SortOrder).Select(c => c.Slug).FirstAsync(ct);
        }

        var app = host.App;
        app.UseApplicationPipeline();
        app.MapApplicationEndpoints();
        await app.StartAsync(ct);
        var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var viewer = new Viewer(data.UserIds[1], false, false, false);
        var token = await host.Services.GetRequiredService<AccessTokenService>()
            .CreateAsync("api benchmark", TokenScope.Read, DateTime.UtcNow.AddDays(1), viewer, ct);
        if (token.Secret is null)
        {
            throw new BenchmarkCheckException($"{provider}: no token was made ({string.Join(", ", token.Errors.Values)}).");
        }

        using var http = new HttpClient { BaseAddress = new Uri(root) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        var board = host.Services.GetRequiredService<BoardService>();
        var slugs = new[] { slug };
        (string Name, string Address)[] queries =
        [
            ("Top", "sort=top"),
            ("New", "sort=new"),
            ("Trending", ""),
            ($"Search \"{BoardData.SearchWord}\"", $"q={BoardData.SearchWord}"),
            ($"Category \"{slug}\"", $"category={slug}"),
        ];
        var skip = Math.Min(10, size.Ideas / BoardService.PageSize / 2);
        var rows = new StringBuilder();
        foreach (var (name, address) in queries)
        {
            var query = BoardAddress.Parse(Arg(address, "sort"), null, Arg(address, "category"), null, null, Arg(address, "q"), true, slugs);
            rows.AppendLine(await MeasureAsync(provider, name, address, query, http, board, viewer, size, options.Log, ct));
        }

        // Page skip + 1 of Top: the cursor the API gave after `skip` pages, the same BoardCursor for the page's query.
        var top = BoardAddress.Parse("top", null, null, null, null, null, true, slugs);
        string after = "";
        BoardCursor? cursor = null;
        for (var i = 0; i < skip; i++)
        {
            var (_, next) = await GetAsync(http, $"sort=top{(i == 0 ? "" : $"&after={after}")}", ct);
            after = next ?? throw new BenchmarkCheckException($"{provider}: the API's Top ends after {i + 1} pages.");
            cursor = (await board.ListAsync(top with { After = cursor }, viewer, ct)).Next;
        }

        rows.Append(await MeasureAsync(provider, LaterPage, $"sort=top&after={after}", top with { After = cursor }, http, board, viewer, size, options.Log, ct));
        await app.StopAsync(ct);
        return $"""
            API listing on {provider}: {size.Ideas:N0} ideas, {size.Votes:N0} votes, {size.Replies:N0} replies, {size.Users:N0} users; seeded in {seeded.Elapsed.TotalSeconds:F1} s.
            A customer's read token; GET /api/v1/ideas over HTTP on Kestrel 127.0.0.1 (keep-alive, body read to the end) interleaved with
            BoardService.ListAsync for the same BoardQuery in the same process; {size.Iterations} timed calls of each after {size.WarmUp} warm-up calls each.
            The later page is page {skip + 1} of Top, by the cursor the API gave.

            {TableHeader}
            {rows.ToString().TrimEnd()}

            """;
    }

    private static async Task<string> MeasureAsync(
        DatabaseProvider provider, string name, string address, BoardQuery query, HttpClient http, BoardService board, Viewer viewer,
        BoardSize size, TextWriter log, CancellationToken ct)
    {
        var (apiIds, _) = await GetAsync(http, address, ct);
        var pageIds = (await board.ListAsync(query, viewer, ct)).Ideas.Select(i => i.Id).ToList();
        if (apiIds.Count == 0 || !apiIds.SequenceEqual(pageIds))
        {
            throw new BenchmarkCheckException(
                $"{provider}: {name}: the API listed [{string.Join(',', apiIds.Take(5))}…] ({apiIds.Count}), the page's query [{string.Join(',', pageIds.Take(5))}…] ({pageIds.Count}).");
        }

        async Task<int> Api()
        {
            using var response = await http.GetAsync($"/api/v1/ideas?{address}", HttpCompletionOption.ResponseContentRead, ct);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadAsByteArrayAsync(ct)).Length;
        }

        async Task<int> Page() => (await board.ListAsync(query, viewer, ct)).Ideas.Count;

        for (var i = 0; i < size.WarmUp; i++)
        {
            await Api();
            await Page();
        }

        var api = new Latency();
        var page = new Latency();
        for (var i = 0; i < size.Iterations; i++)
        {
            await api.TimeAsync(Api);
            await page.TimeAsync(Page);
        }

        log.WriteLine($"{provider} {name,-28} API p50 {api.P50,7:F2} p95 {api.P95,7:F2} ms | page p50 {page.P50,7:F2} p95 {page.P95,7:F2} ms");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {name} | {api.P50:F2} | {api.P95:F2} | {api.P99:F2} | {page.P50:F2} | {page.P95:F2} | {page.P99:F2} | {api.P95 - page.P95:F2} | {(api.P95 <= 10 ? "met" : "missed")} |");
    }

    private static async Task<(List<int> Ids, string? Next)> GetAsync(HttpClient http, string address, CancellationToken ct)
    {
        using var response = await http.GetAsync($"/api/v1/ideas?{address}", ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkCheckException($"GET /api/v1/ideas?{address} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
        var ids = json.RootElement.GetProperty("ideas").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        return (ids, json.RootElement.GetProperty("next").GetString());
    }

    private static string? Arg(string address, string key) =>
        address.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == key) is [_, var value] ? value : null;
}
