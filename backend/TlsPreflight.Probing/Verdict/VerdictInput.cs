using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Dns;

namespace TlsPreflight.Probing.Verdict;

/// <summary>Everything the verdict needs, gathered by the assessor.</summary>
/// <param name="Hosts">MX hosts with probes and TLSA evaluated, each with Level left as Unknown (the rules fill it).</param>
/// <param name="SmtpEgressBlocked">Port 25 cannot be reached from this host at all.</param>
/// <param name="MxLookupSecure">The MX answer was DNSSEC-secure (copied into <see cref="DaneReport.MxLookupSecure"/>).</param>
public sealed record VerdictInput(
    MxLookupStatus MxStatus,
    string? DnsError,
    IReadOnlyList<MxHostReport> Hosts,
    MtaStsReport MtaSts,
    bool SmtpEgressBlocked,
    bool MxLookupSecure = false);

/// <summary>The verdict: the hosts with their levels set, the domain's DANE summary, level and findings.</summary>
public sealed record Verdict(SecurityLevel Level, IReadOnlyList<Finding> Findings, IReadOnlyList<MxHostReport> Hosts, DaneReport Dane);
