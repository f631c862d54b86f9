using System.IO.Compression;
using System.Net;
using System.Text.Json;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Hosting;
using CustomerCare.Tests.Integration.Live;
using CustomerCare.Tests.Support;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Features.Widget;
using CustomerCare.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerCare.Tests.Integration.Widget;

/// <summary>
/// What the widget on the company's site reads from the portal, over HTTP: its settings (any site may ask, only an allowed
/// one gets the words and colours), CORS for the idea list and the hub for allowed sites only and never with credentials,
/// the hub's <see cref="LiveHub.WatchPosts"/> for live counts, and the script's size. The widget itself in Chromium, from
/// another origin, is WidgetBrowserTests.
/// </summary>
public sealed class WidgetEndpointTests(WidgetEndpointTests.Portal portal) : IClassFixture<WidgetEndpointTests.Portal>
{
    private const string Allowed = "https://www.example-energy.com";
    private const string Foreign = "https://elsewhere.example";

    private static readonly string[] ScriptFiles = ["widget.js", "widget/signalr.min.js"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_allowed_site_gets_the_portals_name_colour_and_words_in_the_language_it_asks_for()
    {
        using var english = await SettingsAsync(Allowed, "en");
        using var german = await SettingsAsync(Allowed, "de");

        Assert.True(english.RootElement.GetProperty("allowed").GetBoolean());
        Assert.Equal("Example Energy", english.RootElement.GetProperty("company").GetString());
        Assert.Equal("#0a4f8c", english.RootElement.GetProperty("color").GetString());
        Assert.Equal("Ideas for {0}", english.RootElement.GetProperty("strings").GetProperty("title").GetString());
        Assert.Equal("Ideen für {0}", german.RootElement.GetProperty("strings").GetProperty("title").GetString());
        Assert.Equal("Geplant", german.RootElement.GetProperty("statuses").GetProperty(nameof(PostStatus.Planned)).GetString());
    }

    [Fact]
    public async Task A_site_that_is_not_allowed_learns_only_that_and_any_site_may_read_the_answer()
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, WidgetEndpoints.SettingsPath);
        request.Headers.Add("Origin", Foreign);

        using var answer = await client.SendAsync(request, Ct);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("*", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(json.RootElement.GetProperty("allowed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("strings").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("company").ValueKind);
    }

    [Theory]
    [InlineData(Allowed, true)]
    [InlineData(Foreign, false)]
    public async Task The_idea_list_is_readable_by_allowed_sites_only_and_never_with_credentials(string origin, bool readable)
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ideas?sort=top");
        request.Headers.Add("Origin", origin);

        using var answer = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(readable, answer.Headers.TryGetValues("Access-Control-Allow-Origin", out var allowed) && allowed.Single() == origin);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task The_rest_of_the_API_is_not_opened_to_other_sites()
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        request.Headers.Add("Origin", Allowed);

        using var answer = await client.SendAsync(request, Ct);

        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData(Allowed, true)]
    [InlineData(Foreign, false)]
    public async Task The_hubs_negotiation_answers_a_preflight_of_allowed_sites_only(string origin, bool allowed)
    {
        using var client = portal.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"{LiveHub.Path}/negotiate?negotiateVersion=1");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-requested-with,x-signalr-user-agent");

        using var answer = await client.SendAsync(preflight, Ct);

        Assert.Equal(allowed, answer.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins) && origins.Single() == origin);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_visitor_watching_a_list_gets_its_vote_counts_and_stops_getting_those_it_no_longer_shows()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var voter = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var first = await portal.ProposeIdeaAsync(author, ct: Ct);
        var second = await portal.ProposeIdeaAsync(author, ct: Ct);
        await using var hub = await HubClient.ConnectAsync(portal, origin: Allowed);
        var events = HubClient.Record(hub);
        var votes = portal.Services.GetRequiredService<VoteService>();

        await hub.InvokeAsync(nameof(LiveHub.WatchPosts), new[] { first, second }, Ct);
        await votes.ToggleAsync(first, voter.Viewer, Ct);
        var counted = await NextAsync(events, nameof(VoteCountChanged));
        await hub.InvokeAsync(nameof(LiveHub.WatchPosts), new[] { second }, Ct);
        await votes.ToggleAsync(first, voter.Viewer, Ct);
        await votes.ToggleAsync(second, voter.Viewer, Ct);
        var next = await NextAsync(events, nameof(VoteCountChanged));

        Assert.Equal(first, counted.GetProperty("postId").GetInt32());
        Assert.Equal(1, counted.GetProperty("voteCount").GetInt32());
        Assert.Equal(second, next.GetProperty("postId").GetInt32());
    }

    [Fact]
    public async Task A_private_complaint_or_too_many_posts_refuse_the_whole_watch()
    {
        var author = await portal.AddPersonAsync(Roles.Customer, ct: Ct);
        var idea = await portal.ProposeIdeaAsync(author, ct: Ct);
        var complaint = await portal.FileComplaintAsync(author, ct: Ct);
        await using var hub = await HubClient.ConnectAsync(portal, origin: Allowed);

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync(nameof(LiveHub.WatchPosts), new[] { idea, complaint }, Ct));
        var tooMany = await Assert.ThrowsAsync<HubException>(
            () => hub.InvokeAsync(nameof(LiveHub.WatchPosts), Enumerable.Repeat(idea, 1).Concat(Enumerable.Range(-60, 60)).ToArray(), Ct));
        Assert.Contains($"At most {LiveHub.MaxWatched}", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_widget_and_its_live_client_together_are_at_most_30_KiB_compressed()
    {
        var files = ScriptFiles.Select(f => Path.Combine(RepoPaths.Root, "wwwroot", f)).ToList();
        long gzip = 0, brotli = 0;
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            gzip += Compressed(bytes, s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true));
            brotli += Compressed(bytes, s => new BrotliStream(s, CompressionLevel.SmallestSize, leaveOpen: true));
        }

        Assert.InRange(gzip, 1, 30 * 1024);
        Assert.InRange(brotli, 1, gzip);
    }

    [Theory]
    [InlineData("green")]
    [InlineData("#12345")]
    [InlineData("#1234567")]
    public async Task A_colour_that_is_not_hex_stops_start_up_naming_the_setting(string colour)
    {
        await using var misconfigured = new ProductionPortal();
        misconfigured.With("Widget:Color", colour);

        var stopped = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        Assert.Contains("Widget:Color", stopped.ToString(), StringComparison.Ordinal);
    }

    private async Task<JsonDocument> SettingsAsync(string origin, string culture)
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{WidgetEndpoints.SettingsPath}?culture={culture}");
        request.Headers.Add("Origin", origin);
        using var answer = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("*", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Origin")));
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<JsonElement> NextAsync(System.Threading.Channels.Channel<(string Type, JsonElement Data)> events, string type)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TestTimeouts.Wait);
        while (true)
        {
            var (name, data) = await events.Reader.ReadAsync(timeout.Token);
            if (name == type)
            {
                return data;
            }
        }
    }

    private static long Compressed(byte[] bytes, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var compressing = compressor(output))
        {
            compressing.Write(bytes);
        }

        return output.Length;
    }

    /// <summary>Example Energy's portal, whose widget is on www.example-energy.com in the company's blue.</summary>
    public sealed class Portal : ProductionPortal
    {
        public Portal()
        {
            With("Portal:PublicUrl", "https://feedback.example-energy.com");
            With("Portal:Company", "Example Energy");
            With("Live:AllowedOrigins:0", Allowed);
            With("Widget:Color", "#0a4f8c");
        }
    }
}
