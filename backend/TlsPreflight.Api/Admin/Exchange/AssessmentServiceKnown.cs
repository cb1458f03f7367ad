using Microsoft.Extensions.Caching.Hybrid;
using TlsPreflight.Probing.Model;

// Admin addition to the API's AssessmentService (kept here, in a separate file, so the service itself is untouched).
namespace TlsPreflight.Api.Assessments;

public sealed partial class AssessmentService
{
    private static readonly HybridCacheEntryOptions CacheOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    /// <summary>The cached assessment of <paramref name="domain"/>, or null: never probes (the Exchange export
    /// page reads MX names and DANE from what is already known, without sending a probe per rule).</summary>
    public async Task<DomainAssessment?> GetKnownAsync(string domain, CancellationToken cancellationToken)
        => await cache.GetOrCreateAsync<DomainAssessment?>(Key(domain), _ => ValueTask.FromResult<DomainAssessment?>(null), CacheOnly, cancellationToken: cancellationToken);
}
