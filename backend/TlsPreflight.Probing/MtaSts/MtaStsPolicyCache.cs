using System.Collections.Concurrent;

namespace TlsPreflight.Probing.MtaSts;

/// <summary>Policies per domain, kept for their max_age and tied to the TXT record id that announced them
/// (RFC 8461 §3.3: refetch when the id changes; a valid cached policy still applies when a refetch fails).
/// At most <c>capacity</c> domains: when full, expired policies go, then those expiring soonest.</summary>
public sealed class MtaStsPolicyCache(TimeProvider time, int capacity = MtaStsPolicyCache.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, CachedPolicy> policies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock evicting = new();

    /// <summary>Domains held now (expired ones included until they are evicted).</summary>
    public int Count => policies.Count;

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
        if (!policies.ContainsKey(domain) && policies.Count >= capacity)
            Evict();
        policies[domain] = new CachedPolicy(recordId, policy, time.GetUtcNow().AddSeconds(policy.MaxAgeSeconds));
    }

    /// <summary>Down to nine tenths of the capacity, so that eviction is rare rather than on every store.</summary>
    private void Evict()
    {
        lock (evicting)
        {
            var now = time.GetUtcNow();
            var target = capacity - Math.Max(1, capacity / 10);
            foreach (var (domain, entry) in policies.OrderBy(p => p.Value.Expires).ToList())
            {
                if (policies.Count <= target && entry.Expires > now)
                    break;
                policies.TryRemove(domain, out _);
            }
        }
    }

    private sealed record CachedPolicy(string RecordId, MtaStsPolicy Policy, DateTimeOffset Expires);
}
