using Microsoft.Extensions.Options;
using TlsPreflight.Api.Storage;

namespace TlsPreflight.Api.Policy;

/// <summary>The policy store as the hot path reads it: from memory (<see cref="PolicyCache"/>), confirmed against the
/// database's version number every <see cref="PolicyCacheOptions.RevalidateAfter"/>, and while the database is down
/// the last policy read, up to <see cref="PolicyCacheOptions.MaxStaleness"/> old.</summary>
public sealed partial class CachedPolicyStore(
    PolicyStore database,
    PolicyCache cache,
    IOptions<PolicyCacheOptions> options,
    TimeProvider clock,
    ILogger<CachedPolicyStore> logger) : ITenantPolicyStore
{
    public async Task<PolicyVersion> GetCurrentAsync(string tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var held = cache.TryGet(tenantId, out var entry) ? entry : null;
        if (held != null && now - held.ConfirmedAt < options.Value.RevalidateAfter)
        {
            return held.Policy;
        }

        try
        {
            if (held != null && await database.GetCurrentVersionAsync(tenantId, cancellationToken) == held.Policy.Version)
            {
                cache.Confirm(held.Policy, now, options.Value.MaxTenants);
                return held.Policy;
            }

            var current = await database.GetCurrentAsync(tenantId, cancellationToken);
            cache.Confirm(current, now, options.Value.MaxTenants);
            return current;
        }
        catch (Exception ex) when (StorageUnavailableException.IsOutage(ex) && !cancellationToken.IsCancellationRequested)
        {
            if (held != null && now - held.ConfirmedAt <= options.Value.MaxStaleness)
            {
                LogLastRead(logger, tenantId, held.Policy.Version, held.ConfirmedAt);
                return held.Policy;
            }

            throw new StorageUnavailableException("The policy database does not answer and this instance holds no recent copy of your policy; try again shortly.", ex);
        }
    }

    public async Task<PolicyVersion?> SaveAsync(string tenantId, int expectedVersion, TenantPolicy policy, string updatedBy, CancellationToken cancellationToken)
    {
        var saved = await database.SaveAsync(tenantId, expectedVersion, policy, updatedBy, cancellationToken);
        if (saved != null)
        {
            cache.Confirm(saved, clock.GetUtcNow(), options.Value.MaxTenants);
        }

        return saved;
    }

    public Task<IReadOnlyList<PolicyVersion>> GetHistoryAsync(string tenantId, int limit, CancellationToken cancellationToken)
        => database.GetHistoryAsync(tenantId, limit, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database does not answer; tenant {TenantId} decided with policy version {Version}, confirmed at {ConfirmedAt}")]
    private static partial void LogLastRead(ILogger logger, string tenantId, int version, DateTimeOffset confirmedAt);
}
