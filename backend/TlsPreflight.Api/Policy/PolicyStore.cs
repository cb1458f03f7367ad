using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TlsPreflight.Api.Edges;
using TlsPreflight.Api.Storage;

namespace TlsPreflight.Api.Policy;

/// <summary>Policies in the database: an insert per save, keyed (tenant, version), so a stale save fails on the key.</summary>
public sealed class PolicyStore(AppDbContext db, TimeProvider clock) : ITenantPolicyStore
{
    public async Task<PolicyVersion> GetCurrentAsync(string tenantId, CancellationToken cancellationToken)
    {
        var row = await db.PolicyVersions.AsNoTracking()
            .Where(p => p.TenantId == tenantId)
            .OrderByDescending(p => p.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return row == null ? new PolicyVersion(tenantId, 0, TenantPolicy.Default, null, null) : ToVersion(row);
    }

    /// <summary>The newest saved version number (0 for a new tenant): the cheap check behind <see cref="CachedPolicyStore"/>.</summary>
    public async Task<int> GetCurrentVersionAsync(string tenantId, CancellationToken cancellationToken)
        => await db.PolicyVersions.Where(p => p.TenantId == tenantId).MaxAsync(p => (int?)p.Version, cancellationToken) ?? 0;

    public async Task<PolicyVersion?> SaveAsync(string tenantId, int expectedVersion, TenantPolicy policy, string updatedBy, CancellationToken cancellationToken)
    {
        var current = await GetCurrentAsync(tenantId, cancellationToken);
        if (current.Version != expectedVersion)
        {
            return null;
        }

        var row = new PolicyVersionRow
        {
            TenantId = tenantId,
            Version = expectedVersion + 1,
            PolicyJson = JsonSerializer.Serialize(policy, ApiJson.Options),
            UpdatedBy = updatedBy,
            UpdatedAt = clock.GetUtcNow(),
        };
        db.PolicyVersions.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save of the same version won the race on the primary key.
            db.Entry(row).State = EntityState.Detached;
            return null;
        }

        return ToVersion(row);
    }

    public async Task<IReadOnlyList<PolicyVersion>> GetHistoryAsync(string tenantId, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.PolicyVersions.AsNoTracking()
            .Where(p => p.TenantId == tenantId)
            .OrderByDescending(p => p.Version)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(ToVersion);
    }

    private static PolicyVersion ToVersion(PolicyVersionRow row)
        => new(row.TenantId, row.Version, JsonSerializer.Deserialize<TenantPolicy>(row.PolicyJson, ApiJson.Options)!, row.UpdatedBy, row.UpdatedAt);
}
