using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Verdict;

/// <summary>What the assessor gathered about one MX host: evidence only. What it means (the host's level, whether the
/// MTA-STS policy lists it) is the verdict's; <see cref="Report"/> puts the two together once, as published.</summary>
/// <param name="Host">MX target name (A-label, lower case, no trailing dot).</param>
/// <param name="Implicit">True when the domain has no MX and its own A/AAAA is used (RFC 5321 §5.1).</param>
/// <param name="CnameTarget">Set when the MX name is a CNAME (RFC 2181 §10.3 forbids it; we follow and flag).</param>
/// <param name="Probes">One SMTP probe per address of the host (addresses not dialled carry an outcome saying why).</param>
/// <param name="Dane">TLSA evidence for `_25._tcp.{Host}` (RFC 7672): the records, their DNSSEC status and how the
/// presented chain compared with them.</param>
public sealed record MxHostEvidence(
    string Host,
    int Preference,
    bool Implicit,
    string? CnameTarget,
    IReadOnlyList<SmtpProbeResult> Probes,
    TlsaReport Dane)
{
    /// <summary>The published report of this host with what the verdict concluded about it.</summary>
    public MxHostReport Report(SecurityLevel level, bool? mtaStsMatch)
        => new(Host, Preference, Implicit, CnameTarget, Probes, level, Dane, mtaStsMatch);
}
