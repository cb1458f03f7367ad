using Microsoft.Extensions.Caching.Hybrid;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Caching;

public static class CachingServiceExtensions
{
    /// <summary>HybridCache in memory; Redis as its second level when `ConnectionStrings:Redis` is set, so
    /// several API instances share assessments.</summary>
    public static void AddCaching(this IHostApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (!string.IsNullOrEmpty(redis))
        {
            builder.Services.AddStackExchangeRedisCache(cache =>
            {
                cache.Configuration = redis;
                cache.InstanceName = "tlspreflight:";
            });
        }

        builder.Services.AddHybridCache(cache =>
        {
            cache.MaximumPayloadBytes = 1024 * 1024;
            cache.MaximumKeyLength = 512;
            cache.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromMinutes(2),
                LocalCacheExpiration = TimeSpan.FromMinutes(2),
            };
        }).AddSerializer<DomainAssessment, AssessmentCacheSerializer>();
    }
}
