using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.Audit;

/// <summary>Deletes audit entries older than each tenant's `audit.retentionDays`, once an hour.
/// Safe with several instances: deleting what is already gone deletes nothing.</summary>
public sealed partial class AuditRetention(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>One pass over every tenant; returns how many entries were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        var policies = scope.ServiceProvider.GetRequiredService<ITenantPolicyStore>();
        var deleted = 0;
        foreach (var tenant in await audit.GetTenantsAsync(cancellationToken))
        {
            var policy = await policies.GetCurrentAsync(tenant, cancellationToken);
            deleted += await audit.PurgeOlderThanAsync(tenant, clock.GetUtcNow().AddDays(-policy.Policy.Audit.RetentionDays), cancellationToken);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var deleted = await PurgeAsync(stoppingToken);
                LogPurged(logger, deleted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next pass retries.
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention deleted {Count} expired entries")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit retention pass failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
