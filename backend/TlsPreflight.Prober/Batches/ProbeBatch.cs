using TlsPreflight.Probing.Model;

namespace TlsPreflight.Prober.Batches;

/// <summary>`POST /v1/assessments` body: the domains (or addresses; their domain is taken) to assess.</summary>
public sealed record ProbeBatch(IReadOnlyList<string> Domains);

/// <summary>The answer: the engine's assessments, in the engine's JSON shape (AssessmentJson), one per distinct domain.</summary>
public sealed record ProbeBatchResult(IReadOnlyList<DomainAssessment> Domains);
