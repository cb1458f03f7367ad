namespace TlsPreflight.Probing.Model;

/// <summary>One MX host of a domain with the evidence gathered for it.</summary>
/// <param name="Host">MX target name (A-label, lower case, no trailing dot).</param>
/// <param name="Implicit">True when the domain has no MX and its own A/AAAA is used (RFC 5321 §5.1).</param>
/// <param name="CnameTarget">Set when the MX name is a CNAME (RFC 2181 §10.3 forbids it; we follow and flag).</param>
/// <param name="Probes">One SMTP probe per address of the host (addresses not dialled carry an outcome saying why).</param>
/// <param name="Level">This host's own level; the domain takes the weakest over usable hosts.</param>
/// <param name="Dane">TLSA evidence for `_25._tcp.{Host}` (RFC 7672).</param>
/// <param name="MtaStsMatch">Whether the host matches the domain's MTA-STS `mx` patterns; null without a policy.</param>
public sealed record MxHostReport(
    string Host,
    int Preference,
    bool Implicit,
    string? CnameTarget,
    IReadOnlyList<SmtpProbeResult> Probes,
    SecurityLevel Level,
    TlsaReport Dane,
    bool? MtaStsMatch);
