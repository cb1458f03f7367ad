using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Assessment;

/// <summary>The engine's entry point: used by the CLI and the API.</summary>
public interface IDomainAssessor
{
    /// <summary>Assess one domain (or e-mail address; its domain is taken).
    /// Throws <see cref="Names.InvalidDomainException"/> for a name that is not a valid domain.
    /// Never throws for failures of the probed side: those are findings.</summary>
    Task<DomainAssessment> AssessAsync(string domainOrAddress, CancellationToken cancellationToken);

    /// <summary>Assess many concurrently, sharing MX probes; one result per distinct domain, in input order.</summary>
    Task<IReadOnlyList<DomainAssessment>> AssessManyAsync(IEnumerable<string> domainsOrAddresses, CancellationToken cancellationToken);
}
