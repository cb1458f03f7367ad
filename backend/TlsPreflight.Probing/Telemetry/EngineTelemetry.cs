using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Telemetry;

/// <summary>The engine's traces and metrics, in System.Diagnostics only (no OpenTelemetry dependency here: the hosts
/// subscribe by <see cref="Name"/>). Spans carry the domain and the MX host, never a recipient address: the engine
/// only ever sees names after <see cref="Names.DomainName.Normalize"/> has dropped the local part.</summary>
public static class EngineTelemetry
{
    /// <summary>The ActivitySource and Meter name hosts subscribe to.</summary>
    public const string Name = "TlsPreflight.Probing";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Probes = Meter.CreateCounter<long>("tlspreflight.probes", "{probe}",
        "SMTP conversations with one MX address, by outcome (completed, refused, timeout, ...)");
    private static readonly Histogram<double> ProbeDuration = Meter.CreateHistogram<double>("tlspreflight.probe.duration", "s",
        "How long one SMTP conversation took, by outcome");
    private static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("tlspreflight.probe.step.duration", "s",
        "How long one step of a conversation took (connect, banner, ehlo, starttls, handshake, ehlo-tls)");
    private static readonly Counter<long> Assessments = Meter.CreateCounter<long>("tlspreflight.assessments", "{domain}",
        "Domains assessed by the engine, by level (unknown, no-mail, plaintext, encrypted, verified, enforced)");
    private static readonly Histogram<double> AssessmentDuration = Meter.CreateHistogram<double>("tlspreflight.assessment.duration", "s",
        "How long assessing one domain took, by level");
    private static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>("tlspreflight.cache.lookups", "{lookup}",
        "Lookups in a cache, by cache and result (hit, miss)");
    private static readonly UpDownCounter<long> SchedulerQueued = Meter.CreateUpDownCounter<long>("tlspreflight.scheduler.queued", "{item}",
        "Work waiting for a slot in the probe scheduler, by lane (dns, smtp, https)");
    private static readonly Histogram<double> SchedulerWait = Meter.CreateHistogram<double>("tlspreflight.scheduler.wait", "s",
        "How long work waited in the probe scheduler before it ran, by lane");

    /// <summary>Attribute names. Domains and host names only.</summary>
    public static class Tags
    {
        public const string Domain = "tlspreflight.domain";
        public const string MxHost = "tlspreflight.mx_host";
        public const string Step = "tlspreflight.step";
        public const string Outcome = "tlspreflight.outcome";
        public const string Level = "tlspreflight.level";
        public const string Cache = "tlspreflight.cache";
        public const string Result = "tlspreflight.result";
        public const string Lane = "tlspreflight.lane";
        public const string PeerAddress = "network.peer.address";
        public const string DnsName = "dns.question.name";
        public const string DnsType = "dns.question.type";
    }

    /// <summary>The span of one domain's assessment; the steps below it inherit its domain.</summary>
    public static Activity? StartDomain(string domain)
        => Source.StartActivity("assess domain")?.SetTag(Tags.Domain, domain);

    /// <summary>The span of one MX host of the domain: its address and TLSA questions and its probes.</summary>
    public static Activity? StartMxHost(string mxHost)
        => Source.StartActivity("mx host")?.SetTag(Tags.Domain, AmbientDomain()).SetTag(Tags.MxHost, mxHost);

    /// <summary>The span of one SMTP conversation with one address of an MX host, a child of <paramref name="asker"/>
    /// (the domain span that queued it: the probe may start in another domain's context when the slot is handed over).</summary>
    public static Activity? StartProbe(string mxHost, IPAddress address, Activity? asker)
        => Source.StartActivity("smtp probe", ActivityKind.Client, asker?.Context ?? default)
            ?.SetTag(Tags.Domain, TagOf(asker, Tags.Domain)).SetTag(Tags.MxHost, mxHost).SetTag(Tags.PeerAddress, address.ToString());

    /// <summary>One step of an SMTP conversation (connect, banner, ehlo, starttls, handshake, ehlo-tls).</summary>
    public static Activity? StartStep(ProbeStep step, string? mxHost)
    {
        var name = KebabCase.Name(step);
        return Source.StartActivity($"smtp {name}")?.SetTag(Tags.Step, name).SetTag(Tags.Domain, AmbientDomain())
            .SetTag(Tags.MxHost, mxHost ?? AmbientTag(Tags.MxHost));
    }

    /// <summary>One DNS question (a span per question, so A and AAAA of one host are two).</summary>
    public static Activity? StartDns(string name, string type)
        => Source.StartActivity($"dns {type}", ActivityKind.Client)?.SetTag(Tags.DnsName, name).SetTag(Tags.DnsType, type)
            .SetTag(Tags.Domain, AmbientDomain()).SetTag(Tags.MxHost, AmbientTag(Tags.MxHost));

    /// <summary>The HTTPS fetch of a domain's MTA-STS policy (RFC 8461 §3.3).</summary>
    public static Activity? StartMtaStsFetch(string domain)
        => Source.StartActivity("mta-sts fetch", ActivityKind.Client)?.SetTag(Tags.Domain, domain);

    public static void StepEnded(ProbeStep step, TimeSpan elapsed)
        => StepDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(Tags.Step, KebabCase.Name(step)));

    public static void ProbeEnded(SmtpProbeResult result, TimeSpan elapsed)
    {
        var outcome = new KeyValuePair<string, object?>(Tags.Outcome, OutcomeName(result.Outcome));
        Probes.Add(1, outcome);
        ProbeDuration.Record(elapsed.TotalSeconds, outcome);
        Activity.Current?.SetTag(Tags.Outcome, outcome.Value);
    }

    public static void DomainAssessed(DomainAssessment assessment)
    {
        var level = new KeyValuePair<string, object?>(Tags.Level, LevelName(assessment.Level));
        Assessments.Add(1, level);
        AssessmentDuration.Record(assessment.ElapsedMs / 1000.0, level);
        Activity.Current?.SetTag(Tags.Level, level.Value);
    }

    public static void CacheLookup(string cache, bool hit)
        => CacheLookups.Add(1, new KeyValuePair<string, object?>(Tags.Cache, cache), new KeyValuePair<string, object?>(Tags.Result, hit ? "hit" : "miss"));

    /// <summary>Work entering a scheduler lane; <see cref="QueueWait.Ran"/> and <see cref="QueueWait.Left"/> end the wait.</summary>
    public static QueueWait Queued(string lane) => new(lane);

    /// <summary>One item's wait in a lane: counted as queued until it runs or leaves (full queue, caller gone).</summary>
    public sealed class QueueWait
    {
        private readonly KeyValuePair<string, object?> lane;
        private readonly long start = Stopwatch.GetTimestamp();
        private int ended;

        internal QueueWait(string lane)
        {
            this.lane = new(Tags.Lane, lane);
            SchedulerQueued.Add(1, this.lane);
        }

        public void Ran()
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
            {
                SchedulerQueued.Add(-1, lane);
                SchedulerWait.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, lane);
            }
        }

        public void Left()
        {
            if (Interlocked.Exchange(ref ended, 1) == 0)
                SchedulerQueued.Add(-1, lane);
        }
    }

    public static string OutcomeName(ProbeOutcome outcome) => KebabCase.Name(outcome);

    public static string LevelName(SecurityLevel level) => LevelText.Name(level);

    /// <summary>The domain of the enclosing domain span, for steps that do not know it themselves (a probe shared
    /// by several domains is parented to the first that asked).</summary>
    private static string? AmbientDomain() => AmbientTag(Tags.Domain);

    private static string? AmbientTag(string tag) => TagOf(Activity.Current, tag);

    private static string? TagOf(Activity? activity, string tag)
    {
        for (var a = activity; a is not null; a = a.Parent)
            if (a.GetTagItem(tag) is string value)
                return value;
        return null;
    }
}
