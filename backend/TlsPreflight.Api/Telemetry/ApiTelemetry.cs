using System.Diagnostics;
using System.Diagnostics.Metrics;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Telemetry;

/// <summary>The API's own metrics (the engine's are in EngineTelemetry): decisions, fail-mode decisions, audit
/// writes, calls to probe agents. Tags are enums and host names, never a recipient.</summary>
public static class ApiTelemetry
{
    /// <summary>The Meter name the host subscribes to.</summary>
    public const string Name = "TlsPreflight.Api";

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>("tlspreflight.decisions", "{message}",
        "Messages decided, by action (allow, warn, block) and intent (preview, send)");
    private static readonly Counter<long> FailModeDecisions = Meter.CreateCounter<long>("tlspreflight.decisions.fail_mode", "{domain}",
        "Recipient domains whose level was unknown, so the fail mode (or the rule's whenUnknown) decided, by fail mode and action");
    private static readonly Histogram<double> AuditWrite = Meter.CreateHistogram<double>("tlspreflight.audit.write.duration", "s",
        "How long writing one audit entry took");
    private static readonly Counter<long> ProberCalls = Meter.CreateCounter<long>("tlspreflight.prober.calls", "{call}",
        "Calls to probe agents, by outcome (answered, bad-answer, failed) and agent host");

    public const string ActionTag = "tlspreflight.action";
    public const string IntentTag = "tlspreflight.intent";
    public const string FailModeTag = "tlspreflight.fail_mode";
    public const string OutcomeTag = "tlspreflight.outcome";
    public const string AgentTag = "server.address";

    public static void Decided(SendDecision decision, AssessmentIntent intent)
    {
        Decisions.Add(1, new(ActionTag, Lower(decision.Decision)), new(IntentTag, Lower(intent)));
        foreach (var domain in decision.Domains.Where(d => !d.Internal && d.Level == SecurityLevel.Unknown))
            FailModeDecisions.Add(1, new(FailModeTag, Lower(decision.FailMode)), new(ActionTag, Lower(domain.Decision)));
    }

    /// <summary>Times one audit write: <c>using (ApiTelemetry.AuditWriting()) await audit.AppendAsync(...)</c>.</summary>
    public static AuditTimer AuditWriting() => new(Stopwatch.GetTimestamp());

    public readonly struct AuditTimer(long started) : IDisposable
    {
        public void Dispose() => AuditWrite.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public static void ProberCalled(Uri agent, string outcome)
        => ProberCalls.Add(1, new(OutcomeTag, outcome), new(AgentTag, agent.Host));

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
