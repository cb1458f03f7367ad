namespace TlsPreflight.Telemetry;

/// <summary>`Telemetry:*`. Traces and metrics go out over OTLP when the standard `OTEL_EXPORTER_OTLP_ENDPOINT`
/// (or a per-signal `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` / `..._METRICS_ENDPOINT`) is set; these options are the rest.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>A Prometheus scrape endpoint at `GET /metrics`, anonymous and not rate limited. Unset: on in
    /// Development, off elsewhere.</summary>
    public bool? Prometheus { get; set; }

    /// <summary>Serve `/metrics` only on this URL's port (e.g. `http://+:9464`), which the host then listens on beside
    /// its own URLs; `/metrics` on the service port answers 404. Unset: `/metrics` on the service's own port.</summary>
    public string? MetricsUrl { get; set; }
}
