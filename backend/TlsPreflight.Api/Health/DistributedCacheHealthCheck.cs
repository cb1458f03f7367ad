using Microsoft.Extensions.Diagnostics.HealthChecks;
using TlsPreflight.Api.Caching;

namespace TlsPreflight.Api.Health;

/// <summary>Healthy while the shared cache (Redis) answers; degraded, not unhealthy, while it does not: the service
/// still answers, from its local cache.</summary>
public sealed class DistributedCacheHealthCheck(CircuitBreakingDistributedCache cache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => await cache.AnswersAsync("health-probe", cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("The shared cache (Redis) does not answer; running on the local cache alone.");
}
