using System.Net;
using CustomerCare.Data;
using CustomerCare.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace CustomerCare.Tests.Integration.Hosting;

/// <summary>
/// A portal over an empty database (SQLite unless told) that keeps what its OpenTelemetry pipeline exports: every metric, through the
/// in-memory exporter, and every request its OTLP exporter makes, answered by <see cref="Collector"/> and never sent.
/// Nothing in the machine's environment says where metrics go: each test does.
/// </summary>
internal sealed class MetricsPortal : PortalFactory
{
    // The name the OTLP exporter asks IHttpClientFactory for; over http/protobuf it takes its client from there.
    private const string OtlpClient = "OtlpMetricExporter";

    public MetricsPortal(DatabaseProvider provider = DatabaseProvider.Sqlite)
        : base(provider, seedDemo: false)
    {
        With("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        With("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "");
        With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    }

    public OtlpCollector Collector { get; } = new();

    private List<MetricSnapshot> Exported { get; } = [];

    /// <summary>
    /// Collects now and returns the totals since the portal started (cumulative temporality). The in-memory exporter's
    /// reader exports only when flushed, on the flushing thread.
    /// </summary>
    public IReadOnlyList<MetricSnapshot> Flush()
    {
        Exported.Clear();
        Assert.True(Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        return [.. Exported];
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Exported));
            services.AddHttpClient(OtlpClient).ConfigurePrimaryHttpMessageHandler(() => Collector);
        });
    }
}

/// <summary>Stands where an OpenTelemetry collector would: takes every request, answers 200 and keeps it.</summary>
internal sealed class OtlpCollector : HttpMessageHandler
{
    private readonly List<(Uri? Address, string? ContentType, byte[] Body)> received = [];

    public IReadOnlyList<(Uri? Address, string? ContentType, byte[] Body)> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    // The exporter sends synchronously (HttpClient.Send) from its reader's thread.
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        request.Content?.CopyTo(body, null, cancellationToken);
        lock (received)
        {
            received.Add((request.RequestUri, request.Content?.Headers.ContentType?.MediaType, body.ToArray()));
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));
}
