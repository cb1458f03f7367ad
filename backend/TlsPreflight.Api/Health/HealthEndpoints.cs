using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using TlsPreflight.Api.Storage;

namespace TlsPreflight.Api.Health;

public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static void AddApiHealthChecks(this IHostApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: [ReadyTag]);
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Redis")))
        {
            checks.AddCheck<DistributedCacheHealthCheck>("redis", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>`/health/live`: the process answers (no checks). `/health/ready`: the database and, if configured, Redis answer.</summary>
    public static void MapApiHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).DisableRateLimiting();
    }
}
