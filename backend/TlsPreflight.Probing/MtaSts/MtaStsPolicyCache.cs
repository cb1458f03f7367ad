using System.Collections.Concurrent;

namespace TlsPreflight.Probing.MtaSts;

/// <summary>Policies per domain, kept for their max_age and tied to the TXT record id that announced them
/// (RFC 8461 §3.3: refetch when the id changes; a valid cached policy still applies when a refetch fails).</summary>
public sealed class MtaStsPolicyCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, CachedPolicy> policies = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The unexpired policy fetched under this record id, if any.</summary>
    public MtaStsPolicy? Get(string domain, string recordId)
        => policies.TryGetValue(domain, out var entry) && entry.RecordId == recordId && entry.Expires > time.GetUtcNow()
            ? entry.Policy
            : null;

    /// <summary>The unexpired policy under whatever id, for when the TXT lookup or a refetch fails.</summary>
    public (MtaStsPolicy Policy, string RecordId)? GetAny(string domain)
        => policies.TryGetValue(domain, out var entry) && entry.Expires > time.GetUtcNow()
            ? (entry.Policy, entry.RecordId)
            : null;

    public void Store(string domain, string recordId, MtaStsPolicy policy)
    {
        if (policy.MaxAgeSeconds <= 0)
        {
            policies.TryRemove(domain, out _);
            return;
        }
        policies[domain] = new CachedPolicy(recordId, policy, time.GetUtcNow().AddSeconds(policy.MaxAgeSeconds));
    }

    private sealed record CachedPolicy(string RecordId, MtaStsPolicy Policy, DateTimeOffset Expires);
}
