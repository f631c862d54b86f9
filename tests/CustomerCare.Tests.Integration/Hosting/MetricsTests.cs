using System.Text;
using CustomerCare.Data;
using CustomerCare.Data.Entities;
using CustomerCare.Tests.Integration.Support;
using CustomerCare.Web.Features.Complaints;
using CustomerCare.Web.Features.Threads;
using CustomerCare.Web.Features.Votes;
using CustomerCare.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// Operators' metrics (issue 21): what the portal's services count reaches its OpenTelemetry pipeline with the tags a
/// dashboard groups by, and OTLP export happens only when an endpoint is configured, then to that endpoint.
/// </summary>
public sealed class MetricsTests : IAsyncDisposable
{
    private readonly MetricsPortal portal = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => portal.DisposeAsync();

    // SQLite applies toggles in batches (SqliteVoteBatch), PostgreSQL one transaction each: two paths to count from.
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Votes_added_and_withdrawn_count_by_change_and_a_refused_one_not_at_all(DatabaseProvider provider)
    {
        await using var onProvider = new MetricsPortal(provider);
        var content = new TestContent(onProvider);
        var author = await content.AddPersonAsync(Roles.Customer, Ct);
        var voter = await content.AddPersonAsync(Roles.Customer, Ct);
        var other = await content.AddPersonAsync(Roles.Customer, Ct);
        var idea = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct);
        var shipped = await content.AddPostAsync(PostKind.Idea, author.UserId!, Ct, status: PostStatus.Shipped);
        var votes = onProvider.Services.GetRequiredService<VoteService>();

        Assert.Equal(VoteOutcome.Voted, (await votes.ToggleAsync(idea, voter, Ct)).Outcome);
        Assert.Equal(VoteOutcome.Voted, (await votes.ToggleAsync(idea, other, Ct)).Outcome);
        Assert.Equal(VoteOutcome.Withdrawn, (await votes.ToggleAsync(idea, voter, Ct)).Outcome);
        Assert.Equal(VoteOutcome.VotingClosed, (await votes.ToggleAsync(shipped, voter, Ct)).Outcome);
        Assert.Equal(VoteOutcome.SignInRequired, (await votes.ToggleAsync(idea, Viewer.Anonymous, Ct)).Outcome);

        Assert.Equal([("change=added", 2L), ("change=withdrawn", 1L)], Counts(onProvider.Flush(), "customercare.votes", "{vote}"));
    }

    [Fact]
    public async Task A_rating_counts_once_and_its_stars_land_in_the_histogram()
    {
        var content = new TestContent(portal);
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var complaint = await content.AddPostAsync(PostKind.Complaint, customer.UserId!, Ct, isPublic: false);
        var resolutions = portal.Services.GetRequiredService<ComplaintResolutionService>();
        Assert.Equal(ResolutionOutcome.Done, (await resolutions.ConfirmAsync(complaint, customer, Ct)).Outcome);

        Assert.Equal(ResolutionOutcome.Done, (await resolutions.RateAsync(complaint, 4, null, customer, Ct)).Outcome);
        Assert.Equal(ResolutionOutcome.AlreadyRated, (await resolutions.RateAsync(complaint, 1, null, customer, Ct)).Outcome);

        var exported = portal.Flush();
        Assert.Equal(1, Assert.Single(Points(exported, "customercare.ratings", "{rating}")).Point.GetSumLong());
        var stars = Assert.Single(Points(exported, "customercare.rating", "{rating}")).Point;
        Assert.Equal((1L, 4.0), (stars.GetHistogramCount(), stars.GetHistogramSum()));
        Assert.Equal([0L, 0L, 0L, 1L, 0L, 0L], Buckets(stars));
    }

    [Fact]
    public void Answers_count_by_first_or_next_and_target_and_their_wait_is_recorded_in_hours()
    {
        var metrics = portal.Services.GetRequiredService<CareMetrics>();

        metrics.Answered(first: true, TimeSpan.FromMinutes(90), withinTarget: true);
        metrics.Answered(first: false, TimeSpan.FromHours(6), withinTarget: false);
        metrics.Answered(first: false, TimeSpan.FromHours(2), withinTarget: false);

        var exported = portal.Flush();
        Assert.Equal(
            [("answer=first,within_target=True", 1L), ("answer=next,within_target=False", 2L)],
            Counts(exported, "customercare.answers", "{answer}"));
        Assert.Equal(
            [("answer=first", 1L, 1.5), ("answer=next", 2L, 8.0)],
            Points(exported, "customercare.answer.wait", "h").Select(p => (p.Tags, p.Point.GetHistogramCount(), p.Point.GetHistogramSum())).Order());
    }

    [Fact]
    public async Task Filing_and_answering_a_complaint_through_the_portal_count_the_mood_and_the_first_and_next_answer()
    {
        var content = new TestContent(portal);
        var customer = await content.AddPersonAsync(Roles.Customer, Ct);
        var staff = await content.AddPersonAsync(Roles.Staff, Ct);
        var filed = await portal.Services.GetRequiredService<ComplaintService>()
            .FileAsync(new FileComplaint("Charged twice this month", "Filed by a test.", ComplaintMood.Angry, null, false), customer, Ct);
        var threads = portal.Services.GetRequiredService<ThreadService>();
        foreach (var (body, by) in new[] { ("We refund it.", staff), ("Not yet there.", customer), ("Now it is.", staff), ("And again?", staff) })
        {
            Assert.True((await threads.ReplyAsync(filed.PostId!.Value, null, body, false, by, Ct)).Succeeded);
        }

        var exported = portal.Flush();
        Assert.Equal([("mood=angry", 1L)], Counts(exported, "customercare.complaints.filed", "{complaint}"));

        // Answered at once, so within target; the staff member's second word in a row answered nobody.
        Assert.Equal(
            [("answer=first,within_target=True", 1L), ("answer=next,within_target=True", 1L)],
            Counts(exported, "customercare.answers", "{answer}"));
    }

    [Fact]
    public async Task Another_portal_in_the_same_process_counts_into_its_own_metrics_not_this_ones()
    {
        await using var other = new MetricsPortal();
        other.Services.GetRequiredService<CareMetrics>().ComplaintFiled(ComplaintMood.Hopeful);

        portal.Services.GetRequiredService<CareMetrics>().ComplaintFiled(ComplaintMood.Angry);

        Assert.Equal([("mood=angry", 1L)], Counts(portal.Flush(), "customercare.complaints.filed", "{complaint}"));
        Assert.Equal([("mood=hopeful", 1L)], Counts(other.Flush(), "customercare.complaints.filed", "{complaint}"));
    }

    [Fact]
    public void Filed_complaints_count_by_mood_and_one_without_a_mood_as_none()
    {
        var metrics = portal.Services.GetRequiredService<CareMetrics>();

        metrics.ComplaintFiled(ComplaintMood.Angry);
        metrics.ComplaintFiled(ComplaintMood.Angry);
        metrics.ComplaintFiled(null);

        Assert.Equal(
            [("mood=angry", 2L), ("mood=none", 1L)],
            Counts(portal.Flush(), "customercare.complaints.filed", "{complaint}"));
    }

    [Fact]
    public async Task Requests_and_the_runtime_are_measured_beside_the_portals_own()
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);

        // The test server hands the response over before hosting records the request's duration (it does so as the
        // request's context is disposed): flush again, briefly, until it has.
        var names = portal.Flush().Select(m => m.Name).ToList();
        for (var attempt = 0; attempt < 50 && !names.Contains("http.server.request.duration"); attempt++)
        {
            await Task.Delay(100, Ct);
            names = [.. portal.Flush().Select(m => m.Name)];
        }

        Assert.Contains("http.server.request.duration", names);
        Assert.Contains("dotnet.gc.collections", names);
    }

    [Fact]
    public async Task Without_an_endpoint_no_metric_leaves_the_portal()
    {
        await VoteOnceAsync();

        Assert.Contains(portal.Flush(), m => m.Name == "customercare.votes");
        Assert.False(portal.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.IsSet);
        Assert.Empty(portal.Collector.Received);
    }

    [Fact]
    public async Task With_Telemetry_OtlpEndpoint_the_metrics_go_to_that_collector_under_the_portals_name()
    {
        portal.With("Telemetry:OtlpEndpoint", "http://collector.invalid:4318");
        Assert.Equal("http://collector.invalid:4318", portal.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.OtlpEndpoint);
        await VoteOnceAsync();

        portal.Flush();

        var sent = Assert.Single(portal.Collector.Received, r => Says(r.Body, "customercare.votes"));
        Assert.Equal(new Uri("http://collector.invalid:4318/v1/metrics"), sent.Address);
        Assert.Equal("application/x-protobuf", sent.ContentType);
        Assert.True(Says(sent.Body, "service.name") && Says(sent.Body, TelemetryWiring.ServiceName));
    }

    [Fact]
    public async Task The_standard_environment_variable_alone_sends_them_too()
    {
        portal.With("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel.invalid:4318");
        await VoteOnceAsync();

        portal.Flush();

        var sent = Assert.Single(portal.Collector.Received, r => Says(r.Body, "customercare.votes"));
        Assert.Equal(new Uri("http://otel.invalid:4318/v1/metrics"), sent.Address);
    }

    private async Task VoteOnceAsync()
    {
        var content = new TestContent(portal);
        var person = await content.AddPersonAsync(Roles.Customer, Ct);
        var idea = await content.AddPostAsync(PostKind.Idea, person.UserId!, Ct);
        Assert.Equal(VoteOutcome.Voted, (await portal.Services.GetRequiredService<VoteService>().ToggleAsync(idea, person, Ct)).Outcome);
    }

    // A counter's totals by tags, in the tags' order.
    private static List<(string Tags, long Count)> Counts(IReadOnlyList<MetricSnapshot> exported, string name, string unit) =>
        [.. Points(exported, name, unit).Select(p => (p.Tags, p.Point.GetSumLong())).OrderBy(p => p.Tags, StringComparer.Ordinal)];

    // The points of one of the portal's instruments, each with its tags as "key=value,…" in key order.
    private static List<(string Tags, MetricPoint Point)> Points(IReadOnlyList<MetricSnapshot> exported, string name, string unit)
    {
        var metric = Assert.Single(exported, m => m.Name == name);
        Assert.Equal((CareMetrics.MeterName, unit), (metric.MeterName, metric.Unit));
        var points = new List<(string, MetricPoint)>();
        foreach (var point in metric.MetricPoints)
        {
            var tags = new List<string>();
            foreach (var tag in point.Tags)
            {
                tags.Add($"{tag.Key}={tag.Value}");
            }

            points.Add((string.Join(',', tags.Order(StringComparer.Ordinal)), point));
        }

        return points;
    }

    private static List<long> Buckets(MetricPoint point)
    {
        var counts = new List<long>();
        foreach (var bucket in point.GetHistogramBuckets())
        {
            counts.Add(bucket.BucketCount);
        }

        return counts;
    }

    private static bool Says(byte[] protobuf, string text) => protobuf.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
