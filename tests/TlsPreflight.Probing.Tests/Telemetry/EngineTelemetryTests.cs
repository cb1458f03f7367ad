using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Telemetry;
using TlsPreflight.Probing.Tests.Integration;
using TlsPreflight.TestLab.Https;

namespace TlsPreflight.Probing.Tests.Telemetry;

/// <summary>The engine's spans and metrics as an in-process listener sees them (the OTLP path is tested in the API).
/// Only what belongs to this test's own trace is collected, so tests running beside it do not count.</summary>
public sealed class EngineTelemetryTests : IDisposable
{
    private static readonly ActivitySource TestSource = new("TlsPreflight.Probing.Tests.Telemetry");
    private readonly LabFixture lab;
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly ConcurrentQueue<(string Instrument, KeyValuePair<string, object?>[] Tags)> measurements = new();
    private readonly ActivityListener spanListener;
    private readonly MeterListener meterListener = new();
    private ActivityTraceId trace;

    public EngineTelemetryTests(LabFixture lab)
    {
        this.lab = lab;
        spanListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is EngineTelemetry.Name or "TlsPreflight.Probing.Tests.Telemetry",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.TraceId == trace && span.Source.Name == EngineTelemetry.Name)
                    spans.Enqueue(span);
            },
        };
        ActivitySource.AddActivityListener(spanListener);
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EngineTelemetry.Name)
                listener.EnableMeasurementEvents(instrument);
        };
        // A measurement is recorded in the context of the work it measures: keep those of this test's trace.
        meterListener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Keep(instrument, tags));
        meterListener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Keep(instrument, tags));
        meterListener.Start();
    }

    private void Keep(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Activity.Current?.TraceId == trace)
            measurements.Enqueue((instrument.Name, tags.ToArray()));
    }

    private (string Domain, string MxHost) StsDomain()
    {
        var (domain, mxHost, _) = lab.VerifiedDomain("otel");
        var policyHost = $"mta-sts.{domain}";
        lab.Zone.Txt($"_mta-sts.{domain}", "v=STSv1; id=20261201a;").A(policyHost, lab.Https.Address);
        lab.Https.Route(policyHost, lab.Authority.Issue(policyHost), LabHttpResponse.Policy("enforce", 86400, mxHost), lab.Authority.Chain);
        return (domain, mxHost);
    }

    private async Task<DomainAssessment> AssessTracedAsync(string domainOrAddress)
    {
        await using var engine = new LabEngine(lab);
        using var root = TestSource.StartActivity("test")!;
        trace = root.TraceId;
        return await engine.AssessAsync(domainOrAddress, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Every_engine_step_is_a_span_with_the_domain_and_the_mx_host()
    {
        var (domain, mxHost) = StsDomain();

        var result = await AssessTracedAsync(domain);

        Assert.Equal(SecurityLevel.Enforced, result.Level);
        var names = spans.Select(s => s.DisplayName).ToHashSet();
        foreach (var expected in new[] { "assess domain", "mx host", "dns MX", "dns A", "dns TLSA", "smtp probe", "smtp connect", "smtp banner", "smtp ehlo", "smtp starttls", "smtp handshake", "smtp ehlo-tls", "mta-sts fetch" })
            Assert.Contains(expected, names);
        Assert.All(spans.Where(s => s.OperationName.StartsWith("smtp", StringComparison.Ordinal)), s =>
        {
            Assert.Equal(domain, s.GetTagItem(EngineTelemetry.Tags.Domain));
            Assert.Equal(mxHost, s.GetTagItem(EngineTelemetry.Tags.MxHost));
        });
        Assert.Equal(mxHost, spans.Single(s => s.DisplayName == "dns TLSA").GetTagItem(EngineTelemetry.Tags.MxHost));
        Assert.Equal("enforced", spans.Single(s => s.DisplayName == "assess domain").GetTagItem(EngineTelemetry.Tags.Level));
    }

    [Fact]
    public async Task A_probe_counts_by_outcome_and_records_its_duration_and_steps()
    {
        var (domain, _, _) = lab.VerifiedDomain("otelcount");

        await AssessTracedAsync(domain);

        Assert.Contains(measurements, m => m.Instrument == "tlspreflight.probes" && m.Tags.Contains(new(EngineTelemetry.Tags.Outcome, "completed")));
        Assert.Contains(measurements, m => m.Instrument == "tlspreflight.probe.duration");
        Assert.Contains(measurements, m => m.Instrument == "tlspreflight.probe.step.duration" && m.Tags.Contains(new(EngineTelemetry.Tags.Step, "handshake")));
        Assert.Contains(measurements, m => m.Instrument == "tlspreflight.assessments" && m.Tags.Contains(new(EngineTelemetry.Tags.Level, "verified")));
        Assert.Contains(measurements, m => m.Instrument == "tlspreflight.cache.lookups" && m.Tags.Contains(new(EngineTelemetry.Tags.Cache, "mx-probe")));
        Assert.Contains(measurements, m => m.Instrument == "tlspreflight.scheduler.wait" && m.Tags.Contains(new(EngineTelemetry.Tags.Lane, "smtp")));
    }

    [Fact]
    public async Task Assessing_by_recipient_address_puts_no_address_in_any_span_or_metric()
    {
        var (domain, _) = StsDomain();

        await AssessTracedAsync("someone@" + domain);

        Assert.NotEmpty(spans);
        Assert.NotEmpty(measurements);
        Assert.All(spans, s => Assert.All(s.TagObjects, t => Assert.DoesNotContain("@", t.Value?.ToString() ?? "", StringComparison.Ordinal)));
        Assert.All(spans, s => Assert.DoesNotContain("@", s.DisplayName, StringComparison.Ordinal));
        Assert.All(measurements, m => Assert.All(m.Tags, t => Assert.DoesNotContain("@", t.Value?.ToString() ?? "", StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        spanListener.Dispose();
        meterListener.Dispose();
    }
}
