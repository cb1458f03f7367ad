using Microsoft.EntityFrameworkCore;
using TlsPreflight.Api.Storage;

namespace TlsPreflight.Api.Exceptions;

/// <summary>Exception requests in the database. Every query starts from the caller's tenant; every write tells
/// <see cref="LatestRequests"/> to read that sender's state again.</summary>
public sealed class ExceptionStore(AppDbContext db, LatestRequests held)
{
    public async Task AddAsync(ExceptionRequest request, CancellationToken cancellationToken)
    {
        db.ExceptionRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        held.Forget(request.TenantId, request.Requester);
    }

    /// <summary>Saves a decision only if the request is still pending: two admins answering at once cannot both win.</summary>
    public async Task<bool> DecideAsync(ExceptionRequest decided, CancellationToken cancellationToken)
    {
        var changed = await db.ExceptionRequests
            .Where(r => r.TenantId == decided.TenantId && r.Id == decided.Id && r.Status == ExceptionStatus.Pending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, decided.Status)
                .SetProperty(r => r.DecidedBy, decided.DecidedBy)
                .SetProperty(r => r.DecidedAt, decided.DecidedAt)
                .SetProperty(r => r.Answer, decided.Answer)
                .SetProperty(r => r.ExpiresAt, decided.ExpiresAt)
                .SetProperty(r => r.PolicyVersion, decided.PolicyVersion), cancellationToken);
        held.Forget(decided.TenantId, decided.Requester);
        return changed == 1;
    }

    public Task<ExceptionRequest?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken)
        => db.ExceptionRequests.AsNoTracking().FirstOrDefaultAsync(r => r.TenantId == tenantId && r.Id == id, cancellationToken);

    /// <summary>Newest first; <paramref name="requester"/> null lists the whole tenant (admins).</summary>
    public async Task<IReadOnlyList<ExceptionRequest>> ListAsync(string tenantId, string? requester, ExceptionStatus? status, int limit, CancellationToken cancellationToken)
    {
        var query = db.ExceptionRequests.AsNoTracking().Where(r => r.TenantId == tenantId);
        if (requester != null)
        {
            query = query.Where(r => r.Requester == requester);
        }

        if (status is { } wanted)
        {
            query = query.Where(r => r.Status == wanted);
        }

        // Ordered in memory: SQLite cannot order by DateTimeOffset; the limit keeps the read small.
        var rows = await query.OrderByDescending(r => r.Id).Take(1000).ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.RequestedAt).Take(limit).ToList();
    }

    /// <summary>The requester's latest request per domain, for <paramref name="domains"/> or (null) every domain.</summary>
    public async Task<IReadOnlyDictionary<string, ExceptionRequest>> LatestForAsync(string tenantId, string requester, IReadOnlyCollection<string>? domains, CancellationToken cancellationToken)
    {
        if (domains is { Count: 0 })
        {
            return new Dictionary<string, ExceptionRequest>();
        }

        var query = db.ExceptionRequests.AsNoTracking().Where(r => r.TenantId == tenantId && r.Requester == requester);
        if (domains != null)
        {
            query = query.Where(r => domains.Contains(r.Domain));
        }

        var rows = await query.ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Domain, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.RequestedAt)!, StringComparer.Ordinal);
    }

    /// <summary>How many requests the user has open, and how many they made since <paramref name="since"/>.</summary>
    public async Task<(int Pending, int Recent)> CountForAsync(string tenantId, string requester, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var rows = await db.ExceptionRequests.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.Requester == requester)
            .Select(r => new { r.Status, r.RequestedAt })
            .ToListAsync(cancellationToken);
        return (rows.Count(r => r.Status == ExceptionStatus.Pending), rows.Count(r => r.RequestedAt >= since));
    }
}
