using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Scheduling;

namespace TlsPreflight.Probing.Assessment;

/// <summary>The engine's entry point: used by the CLI and the API.</summary>
public interface IDomainAssessor
{
    /// <summary>Assess one domain (or e-mail address; its domain is taken).
    /// Throws <see cref="Names.InvalidDomainException"/> for a name that is not a valid domain.
    /// Never throws for failures of the probed side: those are findings.</summary>
    Task<DomainAssessment> AssessAsync(string domainOrAddress, CancellationToken cancellationToken);

    /// <summary>As <see cref="AssessAsync(string, CancellationToken)"/>, on behalf of <paramref name="requester"/>
    /// (its fair share of the prober). An assessor without a scheduler of its own may ignore the requester.</summary>
    Task<DomainAssessment> AssessAsync(string domainOrAddress, ProbeRequester requester, CancellationToken cancellationToken)
        => AssessAsync(domainOrAddress, cancellationToken);

    /// <summary>Assess many concurrently, sharing MX probes; one result per distinct domain, in input order.</summary>
    Task<IReadOnlyList<DomainAssessment>> AssessManyAsync(IEnumerable<string> domainsOrAddresses, CancellationToken cancellationToken);
}
