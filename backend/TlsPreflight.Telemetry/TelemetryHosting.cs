using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TlsPreflight.Probing.Telemetry;

namespace TlsPreflight.Telemetry;

/// <summary>OpenTelemetry for the API and the prober: ASP.NET Core, HttpClient and the engine's own spans and metrics,
/// exported over OTLP (the standard `OTEL_*` variables) and, with `Telemetry:Prometheus`, scraped at `GET /metrics`.
/// Outside Development the console log is JSON (`Logging:Console:FormatterName`, still overridable).</summary>
public static class TelemetryHosting
{
    private static readonly string[] OtlpEndpointKeys =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    /// <param name="serviceName">`service.name` of the resource, unless `OTEL_SERVICE_NAME` says otherwise.</param>
    /// <param name="meters">The host's own Meter and ActivitySource names, beside the engine's.</param>
    /// <param name="tracing">More instrumentation (the API adds EF Core).</param>
    public static void AddTlsPreflightTelemetry(this WebApplicationBuilder builder, string serviceName, string[] meters,
        Action<TracerProviderBuilder>? tracing = null)
    {
        var configuration = builder.Configuration;
        if (!builder.Environment.IsDevelopment())
        {
            // First source, so appsettings, environment variables and arguments still win.
            configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?> { ["Logging:Console:FormatterName"] = "json" },
            });
        }

        var settings = Settings(builder);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : serviceName))
            .WithTracing(traces =>
            {
                traces.AddSource(EngineTelemetry.Name).AddSource(meters)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsPlumbing(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddProcessor(new AddressRedaction());
                tracing?.Invoke(traces);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(EngineTelemetry.Name).AddMeter(meters)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (PrometheusOn(builder, settings))
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0); // each scrape is current
            });
        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } endpoint)
        {
            // Read here rather than left to the SDK's own binding, so configuration sources (not only the process
            // environment) set it too; the standard names and values (`grpc`, `http/protobuf`).
            var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            otel.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else if (OtlpEndpointKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key])))
        {
            otel.UseOtlpExporter();
        }

        if (PrometheusOn(builder, settings) && MetricsPort(settings) is not null)
            builder.WebHost.UseUrls([.. ServiceUrls(configuration), settings.MetricsUrl!]);
    }

    /// <summary>`GET /metrics` when Prometheus is on: anonymous, not rate limited, on the metrics port when one is set.</summary>
    public static void MapTelemetryEndpoints(this WebApplication app)
    {
        var settings = app.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new();
        if (!(settings.Prometheus ?? app.Environment.IsDevelopment()))
            return;
        var endpoint = app.MapPrometheusScrapingEndpoint().AllowAnonymous().DisableRateLimiting();
        if (MetricsPort(settings) is { } port)
            endpoint.RequireHost($"*:{port}");
    }

    private static TelemetryOptions Settings(WebApplicationBuilder builder)
        => builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new();

    private static bool PrometheusOn(WebApplicationBuilder builder, TelemetryOptions settings)
        => settings.Prometheus ?? builder.Environment.IsDevelopment();

    private static int? MetricsPort(TelemetryOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.MetricsUrl))
            return null;
        // `http://+:9464` and `http://*:9464` are Kestrel's wildcards, not valid URI hosts.
        var url = settings.MetricsUrl.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port > 0
            ? uri.Port
            : throw new InvalidOperationException($"{TelemetryOptions.SectionName}:MetricsUrl '{settings.MetricsUrl}' is not a URL with a port, e.g. http://+:9464");
    }

    /// <summary>The URLs the host would listen on without the metrics URL (adding one replaces the defaults).</summary>
    private static IEnumerable<string> ServiceUrls(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var http = (configuration["http_ports"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://*:{p.Trim()}");
        var https = (configuration["https_ports"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"https://*:{p.Trim()}");
        var ports = http.Concat(https).ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    private static bool IsPlumbing(PathString path)
        => path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");
}
