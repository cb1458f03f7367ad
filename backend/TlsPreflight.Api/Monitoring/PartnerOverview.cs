using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Storage;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Monitoring;

/// <summary>A watched domain as an admin sees it (API.md `GET /api/v1/monitoring/domains`).</summary>
/// <param name="Level">The current level; null until the first re-check.</param>
/// <param name="Since">When the current posture was first seen.</param>
/// <param name="LastChange">When the posture last changed; null if it never did while watched.</param>
public sealed record WatchedDomainView(
    string Domain,
    WatchReason Reason,
    SecurityLevel? Level,
    DateTimeOffset? Since,
    DateTimeOffset? LastChange,
    DateTimeOffset? LastChecked,
    DateTimeOffset? CertificateNotAfter,
    int? CertificateDaysLeft);

/// <summary>One posture of a domain's history (API.md `GET /api/v1/monitoring/domains/{domain}/history`).</summary>
public sealed record PostureView(DateTimeOffset Time, DateTimeOffset LastSeen, SecurityLevel Level, string Fingerprint,
    DateTimeOffset? CertificateNotAfter, IReadOnlyList<string> Findings);

/// <summary>What a tenant's admin sees of the partner monitor: its watched domains and their histories.</summary>
public sealed class PartnerOverview(AppDbContext db, WatchList watchList, IOptions<MonitoringOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<WatchedDomainView>> DomainsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var watched = await watchList.ForTenantAsync(tenantId, cancellationToken);
        var names = watched.Select(w => w.Domain).ToList();
        var rows = await db.WatchedDomains.AsNoTracking().Where(w => names.Contains(w.Domain)).ToDictionaryAsync(w => w.Domain, cancellationToken);
        var postures = await db.Postures.AsNoTracking().Where(p => names.Contains(p.Domain))
            .Select(p => new { p.Domain, p.Id, p.Time, p.Level, p.CertificateNotAfter })
            .ToListAsync(cancellationToken);
        var byDomain = postures.GroupBy(p => p.Domain).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Time).ThenByDescending(p => p.Id).ToList());
        var now = clock.GetUtcNow();
        return watched.OrderBy(w => w.Domain, StringComparer.Ordinal).Select(w =>
        {
            var history = byDomain.GetValueOrDefault(w.Domain);
            var current = history?.FirstOrDefault();
            var row = rows.GetValueOrDefault(w.Domain);
            return new WatchedDomainView(w.Domain, w.Reason, current?.Level ?? row?.Level, current?.Time,
                history is { Count: > 1 } ? current!.Time : null, row?.LastChecked, current?.CertificateNotAfter,
                current?.CertificateNotAfter is { } notAfter ? MemoryFindings.DaysLeft(notAfter, now) : null);
        }).ToList();
    }

    /// <summary>The domain's postures, newest first, within the retention; null when the tenant does not watch it.</summary>
    public async Task<IReadOnlyList<PostureView>?> HistoryAsync(string tenantId, string domain, CancellationToken cancellationToken)
    {
        var watched = await watchList.ForTenantAsync(tenantId, cancellationToken);
        if (!watched.Any(w => w.Domain == domain))
        {
            return null;
        }

        var since = clock.GetUtcNow().AddDays(-options.Value.HistoryDays);
        var rows = await db.Postures.AsNoTracking().Where(p => p.Domain == domain && p.LastSeen >= since).ToListAsync(cancellationToken);
        return rows.OrderByDescending(p => p.Time).ThenByDescending(p => p.Id)
            .Select(p => new PostureView(p.Time, p.LastSeen, p.Level, p.Fingerprint, p.CertificateNotAfter, p.Findings))
            .ToList();
    }

    /// <summary>How many of the tenant's watched domains changed posture in the last seven days.</summary>
    public async Task<int> ChangedThisWeekAsync(string tenantId, CancellationToken cancellationToken)
    {
        var domains = await DomainsAsync(tenantId, cancellationToken);
        var weekAgo = clock.GetUtcNow().AddDays(-7);
        return domains.Count(d => d.LastChange >= weekAgo);
    }
}
