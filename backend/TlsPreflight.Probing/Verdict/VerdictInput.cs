using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Dns;

namespace TlsPreflight.Probing.Verdict;

/// <summary>Everything the verdict needs, gathered by the assessor.</summary>
/// <param name="Hosts">What was found about each MX host; the verdict concludes each one's level and MTA-STS match.</param>
/// <param name="MtaSts">The domain's MTA-STS report; when it is valid its `mx` patterns decide which hosts the policy lists.</param>
/// <param name="SmtpEgressBlocked">Port 25 cannot be reached from this host at all.</param>
/// <param name="MxLookupSecure">The MX answer was DNSSEC-secure (copied into <see cref="DaneReport.MxLookupSecure"/>).</param>
public sealed record VerdictInput(
    MxLookupStatus MxStatus,
    string? DnsError,
    IReadOnlyList<MxHostEvidence> Hosts,
    MtaStsReport MtaSts,
    bool SmtpEgressBlocked,
    bool MxLookupSecure = false);

/// <summary>The verdict: each host's published report (its evidence with the level and MTA-STS match concluded here),
/// the domain's DANE summary, level and findings.</summary>
public sealed record Verdict(SecurityLevel Level, IReadOnlyList<Finding> Findings, IReadOnlyList<MxHostReport> Hosts, DaneReport Dane);
