using System.ComponentModel;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Assessments;

/// <summary>The one home of assessments in HybridCache: the keys, the lifetimes, get (probing on a miss),
/// get-known-only, the last known level, and what an entry holds (<see cref="CompactEntry"/>).
/// <see cref="DomainAssessment"/> is <see cref="ImmutableObjectAttribute">immutable</see>, so a hit in memory hands out
/// the cached instance as it is; only the second level (Redis) goes through <see cref="AssessmentCacheSerializer"/>.</summary>
public sealed class AssessmentCache(HybridCache cache, IOptions<AssessmentOptions> options)
{
    private static readonly HybridCacheEntryOptions Refresh = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead,
    };

    private static readonly HybridCacheEntryOptions ReadOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private static readonly HybridCacheEntryOptions CacheOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private static readonly HybridCacheEntryOptions LocalOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableDistributedCacheRead | HybridCacheEntryFlags.DisableUnderlyingData
            | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    /// <summary>The assessment this instance holds in memory now, or null; never waits (no second level, no probe).</summary>
    public DomainAssessment? TryGetLocal(string domain)
    {
        var held = cache.GetOrCreateAsync<DomainAssessment?>(Key(domain), static _ => ValueTask.FromResult<DomainAssessment?>(null), LocalOnly);
        return held.IsCompletedSuccessfully ? held.Result : null;
    }

    /// <summary>The cached assessment of <paramref name="domain"/>, or <paramref name="probe"/>'s (one probe per domain
    /// at a time: HybridCache's stampede protection). <paramref name="refresh"/> skips what is cached.</summary>
    public ValueTask<DomainAssessment> GetOrProbeAsync(string domain, Func<CancellationToken, ValueTask<DomainAssessment>> probe, bool refresh, CancellationToken cancellationToken)
        => cache.GetOrCreateAsync(Key(domain), probe, static async (probe, token) => CompactEntry.Of(await probe(token)),
            refresh ? Refresh : null, cancellationToken: cancellationToken);

    /// <summary>Stores <paramref name="assessment"/> for as long as its level allows (<see cref="AssessmentLifetime"/>).</summary>
    public ValueTask SetAsync(string domain, DomainAssessment assessment, CancellationToken cancellationToken)
    {
        var expiration = AssessmentLifetime.For(assessment, options.Value);
        return cache.SetAsync(Key(domain), CompactEntry.Of(assessment),
            new HybridCacheEntryOptions { Expiration = expiration, LocalCacheExpiration = expiration }, cancellationToken: cancellationToken);
    }

    /// <summary>The cached assessment of <paramref name="domain"/>, or null: never probes (the Exchange export
    /// page reads MX names and DANE from what is already known, without sending a probe per rule).</summary>
    public ValueTask<DomainAssessment?> GetKnownAsync(string domain, CancellationToken cancellationToken)
        => cache.GetOrCreateAsync<DomainAssessment?>(Key(domain), static _ => ValueTask.FromResult<DomainAssessment?>(null), CacheOnly, cancellationToken: cancellationToken);

    /// <summary>The last good (not unknown) assessment, kept for <see cref="AssessmentOptions.StaleIfErrorGrace"/>.</summary>
    public ValueTask<DomainAssessment?> GetLastKnownAsync(string domain, CancellationToken cancellationToken)
        => cache.GetOrCreateAsync<DomainAssessment?>(LastKnownKey(domain), static _ => ValueTask.FromResult<DomainAssessment?>(null), ReadOnly, cancellationToken: cancellationToken);

    public ValueTask SetLastKnownAsync(string domain, DomainAssessment assessment, CancellationToken cancellationToken)
    {
        var grace = options.Value.StaleIfErrorGrace;
        return cache.SetAsync(LastKnownKey(domain), CompactEntry.Of(assessment),
            new HybridCacheEntryOptions { Expiration = grace, LocalCacheExpiration = grace }, cancellationToken: cancellationToken);
    }

    private static string Key(string domain) => "assessment:" + domain;

    private static string LastKnownKey(string domain) => "last-known:" + domain;
}
