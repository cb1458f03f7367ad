namespace TlsPreflight.Api.Audit;

/// <summary>The append-only audit log, always read within one tenant. Used by the API and the admin page.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<AuditPage> QueryAsync(string tenantId, AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Null when the entry does not exist or belongs to another tenant.</summary>
    Task<AuditEntry?> FindAsync(string tenantId, long id, CancellationToken cancellationToken);

    /// <summary>Every matching entry, newest first, streamed (for CSV export).</summary>
    IAsyncEnumerable<AuditEntry> StreamAsync(string tenantId, AuditFilter filter, CancellationToken cancellationToken);

    Task<AuditStats> GetStatsAsync(string tenantId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Tenants that have audit entries (for retention).</summary>
    Task<IReadOnlyList<string>> GetTenantsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the tenant's entries older than <paramref name="cutoff"/>: the only deletion, per the tenant's retention.</summary>
    Task<int> PurgeOlderThanAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken);
}
