namespace TlsPreflight.Api.Caching;

/// <summary>Connects to the shared cache before the service takes requests, so the first calls are not the ones
/// that pay for the connection (and count as failures against the breaker's short timeout).</summary>
public sealed class SharedCacheWarmUp(CircuitBreakingDistributedCache cache) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => cache.ConnectAsync(TimeSpan.FromSeconds(5), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
