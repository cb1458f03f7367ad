using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Monitoring;

/// <summary>How a watched domain's posture moved. Serialised kebab-case.</summary>
public enum PostureChangeKind
{
    /// <summary>The level went down.</summary>
    LevelLowered,
    /// <summary>The level went up.</summary>
    LevelRaised,
    /// <summary>Same level, different evidence (a renewed certificate, a new MTA-STS id, ...).</summary>
    EvidenceChanged,
}

/// <summary>One change of a watched domain: what a webhook is told. Tenant-neutral: no tenant, sender or recipient.</summary>
public sealed record PostureChange(
    string Domain,
    PostureChangeKind Change,
    SecurityLevel LevelBefore,
    SecurityLevel LevelAfter,
    IReadOnlyList<string> Findings,
    DateTimeOffset Time);
