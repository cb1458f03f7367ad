namespace TlsPreflight.Api.Policy;

/// <summary>Saved policies per tenant, every version kept. Used by the API and the admin page.</summary>
public interface ITenantPolicyStore
{
    /// <summary>The newest saved version, or version 0 with <see cref="TenantPolicy.Default"/> for a new tenant.</summary>
    Task<PolicyVersion> GetCurrentAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="policy"/> (already validated) as the version after <paramref name="expectedVersion"/>.
    /// Returns null when <paramref name="expectedVersion"/> is no longer the current one (optimistic concurrency).</summary>
    Task<PolicyVersion?> SaveAsync(string tenantId, int expectedVersion, TenantPolicy policy, string updatedBy, CancellationToken cancellationToken);

    /// <summary>Saved versions, newest first.</summary>
    Task<IReadOnlyList<PolicyVersion>> GetHistoryAsync(string tenantId, int limit, CancellationToken cancellationToken);
}
