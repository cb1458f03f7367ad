using TlsPreflight.Probing.Model;

namespace TlsPreflight.Prober.Batches;

/// <summary>`POST /v1/assessments` body: the domains (or addresses; their domain is taken) to assess, and on whose
/// behalf: <paramref name="Tenant"/> is the API caller's tenant, whose fair share of this prober's scheduler the work
/// takes (absent: one shared "local" requester).</summary>
public sealed record ProbeBatch(IReadOnlyList<string> Domains, string? Tenant = null)
{
    public const int MaxTenantLength = 128;
}

/// <summary>The answer: the engine's assessments, in the engine's JSON shape (AssessmentJson), one per distinct domain.</summary>
public sealed record ProbeBatchResult(IReadOnlyList<DomainAssessment> Domains);
