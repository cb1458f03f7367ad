using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Monitoring;

/// <summary>One posture of a domain: written when the posture changes; while checks find it unchanged only
/// <see cref="LastSeen"/> moves.</summary>
public sealed class PostureRow
{
    public long Id { get; set; }
    public required string Domain { get; set; }
    /// <summary>When this posture was first seen.</summary>
    public DateTimeOffset Time { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public SecurityLevel Level { get; set; }
    /// <summary>SHA-256 (hex) of <see cref="Evidence"/>.</summary>
    public required string Fingerprint { get; set; }
    /// <summary><see cref="PostureEvidence"/> as JSON.</summary>
    public required string Evidence { get; set; }
    /// <summary>The earliest leaf notAfter over the MX hosts, if any presented a certificate.</summary>
    public DateTimeOffset? CertificateNotAfter { get; set; }
    /// <summary>Finding codes from memory raised when this posture was first seen (what the alert said).</summary>
    public List<string> Findings { get; set; } = [];
}
