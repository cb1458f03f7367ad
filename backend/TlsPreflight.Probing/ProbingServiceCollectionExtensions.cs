using Microsoft.Extensions.DependencyInjection;

namespace TlsPreflight.Probing;

public static class ProbingServiceCollectionExtensions
{
    /// <summary>Registers the engine (<see cref="Assessment.IDomainAssessor"/> as a singleton, DNS, SMTP, MTA-STS,
    /// Polly pipelines). Options come from <c>IOptions&lt;ProbingOptions&gt;</c>: the caller binds or configures them.</summary>
    public static IServiceCollection AddTlsPreflightProbing(this IServiceCollection services)
        => throw new NotImplementedException("network helper");
}
