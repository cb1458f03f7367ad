using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Edges;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.Storage;

namespace TlsPreflight.Api.Monitoring;

/// <summary>Why a tenant watches a domain.</summary>
public enum WatchReason
{
    /// <summary>An exact forced-TLS pattern.</summary>
    ForcedTls,
    /// <summary>Met by the tenant's senders under a wildcard forced-TLS pattern.</summary>
    ForcedTlsWildcard,
    /// <summary>Among the tenant's most-mailed external domains.</summary>
    TopMailed,
}

/// <summary>A domain one tenant watches, and why.</summary>
public sealed record WatchedFor(string Domain, WatchReason Reason);

/// <summary>The one home of "what is watched" (issue 13): per tenant, its exact forced-TLS domains, the domains its
/// senders met under its wildcard patterns, and its most-mailed external domains of the last days (audit).</summary>
public sealed class WatchList(AppDbContext db, IOptions<MonitoringOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<WatchedFor>> ForTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var policyJson = await db.PolicyVersions.AsNoTracking().Where(p => p.TenantId == tenantId)
            .OrderByDescending(p => p.Version).Select(p => p.PolicyJson).FirstOrDefaultAsync(cancellationToken);
        var policy = policyJson == null ? TenantPolicy.Default : JsonSerializer.Deserialize<TenantPolicy>(policyJson, ApiJson.Options)!;

        var since = clock.GetUtcNow().AddDays(-options.Value.TopDomainsDays);
        var mailed = await db.AuditEntries.AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.Time >= since)
            .SelectMany(e => e.Domains)
            .Where(d => !d.Internal)
            .GroupBy(d => d.Domain)
            .Select(g => new { Domain = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var internalDomains = new HashSet<string>(policy.InternalDomains, StringComparer.OrdinalIgnoreCase);

        var watched = new Dictionary<string, WatchReason>(StringComparer.Ordinal);
        foreach (var rule in policy.ForcedTls.Where(r => !r.Pattern.StartsWith("*.", StringComparison.Ordinal)))
        {
            watched.TryAdd(rule.Pattern.ToLowerInvariant(), WatchReason.ForcedTls);
        }

        var wildcards = policy.ForcedTls.Where(r => r.Pattern.StartsWith("*.", StringComparison.Ordinal)).ToList();
        foreach (var met in mailed.Where(m => wildcards.Any(w => PolicyRules.PatternMatches(w.Pattern, m.Domain))))
        {
            watched.TryAdd(met.Domain, WatchReason.ForcedTlsWildcard);
        }

        foreach (var top in mailed.OrderByDescending(m => m.Count).ThenBy(m => m.Domain, StringComparer.Ordinal).Take(options.Value.TopDomains))
        {
            watched.TryAdd(top.Domain, WatchReason.TopMailed);
        }

        return watched.Where(w => !internalDomains.Contains(w.Key)).Select(w => new WatchedFor(w.Key, w.Value)).ToList();
    }

    /// <summary>Every watched domain with the tenants that watch it (one check per domain however many watch it).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> AllAsync(CancellationToken cancellationToken)
    {
        var tenants = await db.PolicyVersions.AsNoTracking().Select(p => p.TenantId)
            .Union(db.AuditEntries.AsNoTracking().Select(e => e.TenantId))
            .ToListAsync(cancellationToken);
        var byDomain = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var tenant in tenants.Distinct(StringComparer.Ordinal))
        {
            foreach (var watched in await ForTenantAsync(tenant, cancellationToken))
            {
                if (!byDomain.TryGetValue(watched.Domain, out var list))
                {
                    byDomain[watched.Domain] = list = [];
                }

                list.Add(tenant);
            }
        }

        return byDomain.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal);
    }
}
