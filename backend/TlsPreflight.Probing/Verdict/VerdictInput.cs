using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Verdict;

/// <summary>What the DNS step found about the domain's mail servers (RFC 5321 §5.1, RFC 7505).</summary>
public enum MxLookupStatus
{
    /// <summary>One or more MX records.</summary>
    Found,
    /// <summary>No MX; the domain's own A/AAAA used as implicit MX.</summary>
    Implicit,
    /// <summary>`MX 0 .` as the only MX.</summary>
    NullMx,
    /// <summary>`MX 0 .` mixed with other MX records: invalid (RFC 7505 §3).</summary>
    NullMxMixed,
    /// <summary>The domain exists with no MX and no address: accepts no mail.</summary>
    NoMailServer,
    /// <summary>NXDOMAIN for the domain itself (plain or DNSSEC-authenticated): probably a mistyped address.</summary>
    DomainNotFound,
    /// <summary>SERVFAIL, timeout or another DNS error: nothing can be said.</summary>
    DnsError,
    /// <summary>The validating resolver's SERVFAIL is a DNSSEC validation failure (RFC 8914 EDE or the CD test).</summary>
    DnssecInvalid,
}

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
