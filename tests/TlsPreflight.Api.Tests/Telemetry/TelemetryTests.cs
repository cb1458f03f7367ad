using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Api.Tests.Infrastructure;
using TlsPreflight.TestLab.Scenarios;

namespace TlsPreflight.Api.Tests.Telemetry;

/// <summary>The API with the real engine against the loopback lab, and its telemetry read the way an operator's
/// collector or Prometheus reads it. Metrics come from process-wide meters, so these tests run alone.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;

public sealed class TelemetryLabFactory(Action<Dictionary<string, string?>>? configure = null) : ApiFactory
{
    public LabScenarios Lab { get; private set; } = null!;

    protected override bool UseScriptedEngine => false;

    protected override Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        Lab = LabScenarios.Start();
        settings["Probing:DnsServers:0"] = Lab.Dns.Address;
        settings["Probing:SmtpPort"] = Lab.SmtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Probing:HttpsPort"] = Lab.Https.Port.ToString(CultureInfo.InvariantCulture);
        settings["Probing:ExtraTrustedCaFile"] = Lab.CaFile;
        settings["Probing:TrustResolverDnssec"] = "true";
        settings["Probing:AllowPrivateNetworks"] = "true";
        settings["Assessments:PreviewDeadline"] = "00:00:30";
        settings["Assessments:SendDeadline"] = "00:00:30";
        configure?.Invoke(settings);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Lab.DisposeAsync();
    }
}

[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<TelemetryLabFactory> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var factory = new TelemetryLabFactory(configure);
        await factory.InitializeAsync();
        return factory;
    }

    private static async Task AssessAsync(HttpClient client, params string[] recipients)
    {
        using var response = await client.PostAsync("/api/v1/assessments",
            new StringContent(System.Text.Json.JsonSerializer.Serialize(new { recipients, intent = "send" }), Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_loopback_otlp_collector_gets_the_spans_and_metrics_of_one_assessment_and_no_recipient_address()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var factory = await StartAsync(s =>
        {
            s["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint;
            s["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        });
        try
        {
            var client = await factory.SignInAsync(Guid.NewGuid().ToString());
            await AssessAsync(client, "someone@sts.lab.test");
            // An address in a request path too: the server span keeps only its domain.
            using var _ = await client.GetAsync("/api/v1/domains/someone@plaintext.lab.test", Cancel);
        }
        finally
        {
            // Flushed while the host still runs, with time for a loaded machine (shutdown alone gives the exporter
            // only its own export timeout), then shut down.
            if (factory.Services.GetService<OpenTelemetry.Trace.TracerProvider>() is { } tracing)
            {
                OpenTelemetry.Trace.TracerProviderExtensions.ForceFlush(tracing, 30_000);
            }

            if (factory.Services.GetService<OpenTelemetry.Metrics.MeterProvider>() is { } meters)
            {
                OpenTelemetry.Metrics.MeterProviderExtensions.ForceFlush(meters, 30_000);
            }

            await factory.DisposeAsync();
        }

        Assert.True(collector.Bodies("/v1/traces").Count > 0, $"received: {string.Join(", ", collector.Paths)}");
        var traces = Text(collector.Bodies("/v1/traces"));
        var metrics = Text(collector.Bodies("/v1/metrics"));
        Assert.Contains("assess domain", traces, StringComparison.Ordinal);
        Assert.Contains("smtp handshake", traces, StringComparison.Ordinal);
        Assert.Contains("mta-sts fetch", traces, StringComparison.Ordinal);
        Assert.Contains("mx.sts.lab.test", traces, StringComparison.Ordinal);
        Assert.Contains("POST /api/v1/assessments", traces, StringComparison.Ordinal);   // ASP.NET Core
        Assert.Contains("tlspreflight.probes", metrics, StringComparison.Ordinal);
        Assert.Contains("tlspreflight.decisions", metrics, StringComparison.Ordinal);
        Assert.Contains("tlspreflight.audit.write.duration", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("someone", traces + metrics + Text(collector.Bodies("/v1/logs")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metrics_endpoint_shows_the_probe_counter_after_one_probe()
    {
        await using var factory = await StartAsync();
        var client = await factory.SignInAsync(Guid.NewGuid().ToString());
        var before = await factory.CreateClient().GetStringAsync("/metrics", Cancel);

        await AssessAsync(client, "someone@plaintext.lab.test");
        var after = await factory.CreateClient().GetStringAsync("/metrics", Cancel);

        Assert.DoesNotContain("tlspreflight_probes_total{", before, StringComparison.Ordinal);
        Assert.Contains("tlspreflight_probes_total{", after, StringComparison.Ordinal);
        Assert.Contains("tlspreflight_outcome=\"completed\"", after, StringComparison.Ordinal);
        Assert.Contains("tlspreflight_decisions_total{", after, StringComparison.Ordinal);
        Assert.DoesNotContain("@", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_prometheus_there_is_no_metrics_endpoint()
    {
        await using var factory = await StartAsync(s => s["Telemetry:Prometheus"] = "false");

        using var response = await factory.CreateClient().GetAsync("/metrics", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_a_metrics_url_the_service_port_does_not_answer_metrics()
    {
        await using var factory = await StartAsync(s => s["Telemetry:MetricsUrl"] = "http://127.0.0.1:9464");

        using var onServicePort = await factory.CreateClient().GetAsync("/metrics", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, onServicePort.StatusCode);
    }

    private static string Text(IEnumerable<byte[]> bodies) => string.Concat(bodies.Select(Encoding.Latin1.GetString));
}
