using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Assessments;

/// <summary>`GET /api/v1/domains/{domain}`: the engine's <see cref="DomainAssessment"/>, field for field, and how it
/// was served. Flat (not nested) so the JSON is the assessment's own shape plus two fields, as the add-in reads it;
/// a test checks every field of <see cref="DomainAssessment"/> is here.</summary>
public sealed record DomainResult(
    string Domain,
    SecurityLevel Level,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<MxHostReport> MxHosts,
    MtaStsReport MtaSts,
    DaneReport Dane,
    TlsRptReport TlsRpt,
    DateTimeOffset CheckedAt,
    long ElapsedMs,
    bool FromCache,
    bool LastKnown)
{
    public static DomainResult From(CachedAssessment cached)
    {
        var a = cached.Assessment;
        return new(a.Domain, a.Level, a.Findings, a.MxHosts, a.MtaSts, a.Dane, a.TlsRpt, a.CheckedAt, a.ElapsedMs, cached.FromCache, cached.LastKnown);
    }
}
