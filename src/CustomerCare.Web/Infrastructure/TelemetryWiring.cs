using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CustomerCare.Web.Infrastructure;

/// <summary>Where the metrics go (section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// The OpenTelemetry collector, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names it (and preferred to it when both are set).
    /// Neither set (or empty): the metrics are collected in process and sent nowhere.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    public bool IsSet => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}

/// <summary>
/// The portal's metrics (<see cref="CareMetrics"/>), ASP.NET Core's and the runtime's through OpenTelemetry, exported over
/// OTLP only when an endpoint is configured: a portal (or a test run) without one never tries to connect anywhere.
/// </summary>
public static class TelemetryWiring
{
    public const string ServiceName = "CustomerCare";

    private const string MetricsPath = "v1/metrics";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => !o.IsSet || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _), "Telemetry:OtlpEndpoint must be an absolute address, such as http://collector:4317.")
            .ValidateOnStart();
        services.AddSingleton<CareMetrics>();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(m => m.AddMeter(CareMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation());

        // A meter is matched by name across the whole process, so a second host in it (the tests run many) would count
        // into this one's. Instruments of another host's IMeterFactory are dropped; the runtime's, which have no factory, stay.
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) =>
        {
            var own = provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is System.Diagnostics.Metrics.IMeterFactory factory && !ReferenceEquals(factory, own)
                ? MetricStreamConfiguration.Drop
                : null);
        });
        if (!ExportsOverOtlp(builder.Configuration))
        {
            return;
        }

        telemetry.WithMetrics(m => m.AddOtlpExporter());

        // The exporter reads OTEL_EXPORTER_OTLP_* itself; our setting replaces the endpoint with the same meaning: over
        // http/protobuf the SDK appends the signal's path to the variable's address, but not to one set in code.
        services.AddOptions<OtlpExporterOptions>().Configure<IOptions<TelemetryOptions>>((exporter, telemetryOptions) =>
        {
            if (telemetryOptions.Value is { IsSet: true } set)
            {
                var endpoint = new Uri(set.OtlpEndpoint.Trim());
                exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf
                    ? new Uri($"{endpoint.AbsoluteUri.TrimEnd('/')}/{MetricsPath}")
                    : endpoint;
            }
        });
    }

    private static bool ExportsOverOtlp(ConfigurationManager configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.OtlpEndpoint)}"])
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]);
}
