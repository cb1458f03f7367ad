using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.Storage;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Audit;

/// <summary>The audit log in the database. Every query starts from the caller's tenant; appends go through
/// <see cref="AuditWriter"/> (batched, committed before the call returns).</summary>
public sealed class AuditLog(AppDbContext db, AuditWriter writer) : IAuditLog
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) => writer.AppendAsync(entry, cancellationToken);

    public async Task<AuditPage> QueryAsync(string tenantId, AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = Filtered(tenantId, filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(e => e.Time).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Include(e => e.Domains)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new AuditPage(items, page, pageSize, total);
    }

    public Task<AuditEntry?> FindAsync(string tenantId, long id, CancellationToken cancellationToken)
        => db.AuditEntries.AsNoTracking().Include(e => e.Domains)
            .FirstOrDefaultAsync(e => e.TenantId == tenantId && e.Id == id, cancellationToken);

    public async IAsyncEnumerable<AuditEntry> StreamAsync(string tenantId, AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Pages by id so a long export neither holds one huge result nor misses rows appended meanwhile.
        long? before = null;
        while (true)
        {
            var query = Filtered(tenantId, filter);
            if (before is { } last)
            {
                query = query.Where(e => e.Id < last);
            }

            var batch = await query.OrderByDescending(e => e.Id).Take(500).Include(e => e.Domains).AsSplitQuery().ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                yield return entry;
            }

            if (batch.Count < 500)
            {
                yield break;
            }

            before = batch[^1].Id;
        }
    }

    public async Task<AuditStats> GetStatsAsync(string tenantId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.Time >= since)
            .Select(e => new { e.Time, e.Decision })
            .ToListAsync(cancellationToken);
        var perDay = entries
            .GroupBy(e => DateOnly.FromDateTime(e.Time.UtcDateTime))
            .OrderBy(g => g.Key)
            .Select(g => new AuditDayCount(g.Key,
                g.Count(e => e.Decision == PolicyAction.Allow),
                g.Count(e => e.Decision == PolicyAction.Warn),
                g.Count(e => e.Decision == PolicyAction.Block)))
            .ToList();

        var domains = await db.AuditEntries.AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.Time >= since)
            .SelectMany(e => e.Domains)
            .Select(d => new { d.Domain, d.Level, d.Decision })
            .ToListAsync(cancellationToken);
        var weak = domains
            .Where(d => d.Decision != PolicyAction.Allow)
            .GroupBy(d => d.Domain)
            .Select(g => new WeakDomainCount(g.Key, g.Count()))
            .OrderByDescending(w => w.Count).ThenBy(w => w.Domain, StringComparer.Ordinal)
            .Take(20)
            .ToList();
        var levels = domains
            .Where(d => d.Level != null)
            .GroupBy(d => d.Level!.Value)
            .ToDictionary(g => LevelName(g.Key), g => g.Count());
        return new AuditStats(perDay, weak, levels);
    }

    public async Task<IReadOnlyList<string>> GetTenantsAsync(CancellationToken cancellationToken)
        => await db.AuditEntries.AsNoTracking().Select(e => e.TenantId).Distinct().ToListAsync(cancellationToken);

    public async Task<int> PurgeOlderThanAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var expired = db.AuditEntries.Where(e => e.TenantId == tenantId && e.Time < cutoff);
        await db.Set<AuditDomain>().Where(d => expired.Select(e => e.Id).Contains(d.AuditEntryId)).ExecuteDeleteAsync(cancellationToken);
        return await expired.ExecuteDeleteAsync(cancellationToken);
    }

    private IQueryable<AuditEntry> Filtered(string tenantId, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking().Where(e => e.TenantId == tenantId);
        if (filter.From is { } from)
        {
            query = query.Where(e => e.Time >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.Time < to);
        }

        if (filter.Decision is { } decision)
        {
            query = query.Where(e => e.Decision == decision);
        }

        if (!string.IsNullOrEmpty(filter.Sender))
        {
            query = query.Where(e => e.Sender == filter.Sender);
        }

        if (!string.IsNullOrEmpty(filter.Domain))
        {
            query = query.Where(e => e.Domains.Any(d => d.Domain == filter.Domain));
        }

        return query;
    }

    private static string LevelName(SecurityLevel level) => level switch
    {
        SecurityLevel.NoMail => "no-mail",
        _ => level.ToString().ToLowerInvariant(),
    };
}
