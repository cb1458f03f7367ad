using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
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

    /// <summary>Counted by the database (GROUP BY): memory does not grow with the number of entries.</summary>
    public async Task<AuditStats> GetStatsAsync(string tenantId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.TenantId == tenantId && e.Time >= since && e.Kind == AuditKind.Send);
        var perDayAndDecision = await CountPerDayAsync(tenantId, since, cancellationToken);
        var perDay = perDayAndDecision
            .GroupBy(c => DateOnly.FromDayNumber(c.Day))
            .OrderBy(g => g.Key)
            .Select(g => new AuditDayCount(g.Key, Sum(g, PolicyAction.Allow), Sum(g, PolicyAction.Warn), Sum(g, PolicyAction.Block)))
            .ToList();

        var domains = entries.SelectMany(e => e.Domains);
        var weakest = await domains
            .Where(d => d.Decision != PolicyAction.Allow)
            .GroupBy(d => d.Domain)
            .Select(g => new { Domain = g.Key, Count = g.Count() })
            .OrderByDescending(w => w.Count).ThenBy(w => w.Domain)
            .Take(20)
            .ToListAsync(cancellationToken);
        var weak = weakest
            .Select(w => new WeakDomainCount(w.Domain, w.Count))
            .OrderByDescending(w => w.Count).ThenBy(w => w.Domain, StringComparer.Ordinal)
            .ToList();
        var levelCounts = await domains
            .Where(d => d.Level != null)
            .GroupBy(d => d.Level)
            .Select(g => new { Level = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var levels = levelCounts.ToDictionary(l => LevelText.Name(l.Level!.Value), l => l.Count);
        return new AuditStats(perDay, weak, levels);
    }

    /// <summary>One row per UTC day (as <see cref="DateOnly.DayNumber"/>) and decision, of send decisions only (not exception steps). Neither provider translates a
    /// DateTimeOffset's date from LINQ, so each gets its own SQL.</summary>
    private Task<List<DayDecisionCount>> CountPerDayAsync(string tenantId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var epochDay = new DateOnly(1970, 1, 1).DayNumber;
            return db.Database.SqlQuery<DayDecisionCount>($"""
                SELECT (floor(extract(epoch FROM "Time") / 86400))::int + {epochDay} AS "Day", "Decision", count(*)::int AS "Count"
                FROM audit_entries WHERE "TenantId" = {tenantId} AND "Time" >= {since} AND "Kind" = 'Send' GROUP BY 1, 2
                """).ToListAsync(cancellationToken);
        }

        // SQLite stores the time as DateTimeOffsetToBinaryConverter's long: (UTC ticks / 1000) << 11 | offset minutes.
        var sinceStored = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(since)!;
        return db.Database.SqlQuery<DayDecisionCount>($"""
            SELECT CAST((("Time" >> 11) * 1000) / {TimeSpan.TicksPerDay} AS INTEGER) AS "Day", "Decision", count(*) AS "Count"
            FROM audit_entries WHERE "TenantId" = {tenantId} AND "Time" >= {sinceStored} AND "Kind" = 'Send' GROUP BY 1, 2
            """).ToListAsync(cancellationToken);
    }

    private static int Sum(IEnumerable<DayDecisionCount> counts, PolicyAction decision)
        => counts.Where(c => string.Equals(c.Decision, decision.ToString(), StringComparison.Ordinal)).Sum(c => c.Count);

    private sealed record DayDecisionCount(int Day, string Decision, int Count);

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
}
