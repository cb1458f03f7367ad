using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Smtp;

/// <summary>Notices when this host cannot reach port 25 at all (most clouds block it). Kept simple on purpose:
/// since the process started, at least <see cref="MinimumConnectTimeouts"/> connection attempts timed out and
/// not one attempt got any answer — no banner, and not even a refusal (a refusal proves packets get through).</summary>
public sealed class SmtpEgressMonitor
{
    public const int MinimumConnectTimeouts = 2;
    private int answered;
    private int connectTimeouts;

    public bool LooksBlocked => Volatile.Read(ref answered) == 0 && Volatile.Read(ref connectTimeouts) >= MinimumConnectTimeouts;

    public void Record(SmtpProbeResult result)
    {
        switch (result.Outcome)
        {
            case ProbeOutcome.SkippedPrivateAddress or ProbeOutcome.SkippedUnroutable:
                break; // never dialled: says nothing about egress
            case ProbeOutcome.Timeout when result.Step == ProbeStep.Connect:
                Interlocked.Increment(ref connectTimeouts);
                break;
            default:
                Interlocked.Increment(ref answered);
                break;
        }
    }
}
