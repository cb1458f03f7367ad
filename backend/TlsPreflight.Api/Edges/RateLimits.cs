using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TlsPreflight.Api.Identity;

namespace TlsPreflight.Api.Edges;

/// <summary>Fixed-window limits chained per user and per tenant for every signed-in call; anonymous calls
/// (health, add-in files) are not limited here. 429 answers are problems with Retry-After.</summary>
public static class RateLimits
{
    public const string Refresh = "refresh";

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions limits)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, "user", c => $"{c.TenantId}/{c.UserId}", limits.PerUserPerMinute)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, "tenant", c => c.TenantId, limits.PerTenantPerMinute)),
            // Many users of one tenant together cannot make the prober refresh without bound.
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsRefresh(context)
                ? Partition(context, "refresh-tenant", c => c.TenantId, limits.RefreshPerTenantPerMinute)
                : RateLimitPartition.GetNoLimiter("cached")));
        // Only ?refresh=true probes anew; plain reads of the same endpoint are served from the cache.
        limiter.AddPolicy(Refresh, context => IsRefresh(context)
            ? Partition(context, "refresh", c => $"{c.TenantId}/{c.UserId}", limits.RefreshPerUserPerMinute)
            : RateLimitPartition.GetNoLimiter("cached"));
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var context = rejected.HttpContext;
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Detail = "Too many requests; try again later." },
            });
        };
    }

    private static bool IsRefresh(HttpContext context)
        => string.Equals(context.Request.Query["refresh"], "true", StringComparison.OrdinalIgnoreCase)
            && context.Request.Path.StartsWithSegments("/api/v1/domains", StringComparison.OrdinalIgnoreCase);

    private static RateLimitPartition<string> Partition(HttpContext context, string kind, Func<CallerIdentity, string> key, int perMinute)
    {
        var caller = context.User.Identity?.IsAuthenticated == true ? CallerIdentity.From(context.User) : null;
        return caller == null
            ? RateLimitPartition.GetNoLimiter("anonymous")
            : RateLimitPartition.GetFixedWindowLimiter($"{kind}:{key(caller)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
    }
}
