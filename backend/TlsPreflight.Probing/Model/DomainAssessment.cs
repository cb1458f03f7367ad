using System.ComponentModel;

namespace TlsPreflight.Probing.Model;

/// <summary>The engine's answer for one recipient domain. Failures of the probed side are data here.</summary>
/// <param name="Domain">Normalised A-label form, lower case, no trailing dot.</param>
/// <param name="Level">The weakest level over the MX hosts a sender may use (PRODUCT.md).</param>
/// <remarks>Immutable, so HybridCache hands a cached instance out as it is instead of deserialising a copy per hit.</remarks>
[ImmutableObject(true)]
public sealed record DomainAssessment(
    string Domain,
    SecurityLevel Level,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<MxHostReport> MxHosts,
    MtaStsReport MtaSts,
    DaneReport Dane,
    TlsRptReport TlsRpt,
    DateTimeOffset CheckedAt,
    long ElapsedMs);
