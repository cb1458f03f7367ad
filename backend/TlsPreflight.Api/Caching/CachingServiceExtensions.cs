using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Caching;

public static class CachingServiceExtensions
{
    /// <summary>HybridCache in memory, bounded in bytes; Redis as its second level when `ConnectionStrings:Redis` is set,
    /// so several API instances share assessments, behind a circuit breaker so a Redis outage is not an outage.</summary>
    public static void AddCaching(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SharedCacheOptions.SectionName).Get<SharedCacheOptions>() ?? new();
        builder.Services.AddOptions<SharedCacheOptions>().BindConfiguration(SharedCacheOptions.SectionName);

        // HybridCache sizes its local entries by payload, so this bounds the L1 in bytes.
        builder.Services.AddMemoryCache(memory =>
        {
            memory.SizeLimit = options.LocalSizeLimitBytes;
            memory.TrackStatistics = true;
        });

        var redis = builder.Configuration.GetConnectionString("Redis");
        if (!string.IsNullOrEmpty(redis))
        {
            var configuration = ConfigurationOptions.Parse(redis);
            // Keep reconnecting in the background; the breaker decides when to try it again.
            configuration.AbortOnConnectFail = false;
            builder.Services.AddSingleton(new RedisCache(Options.Create(new RedisCacheOptions
            {
                ConfigurationOptions = configuration,
                InstanceName = "tlspreflight:",
            })));
            builder.Services.AddSingleton(sp => new CircuitBreakingDistributedCache(
                sp.GetRequiredService<RedisCache>(), options, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<CircuitBreakingDistributedCache>>()));
            builder.Services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<CircuitBreakingDistributedCache>());
            builder.Services.AddHostedService<SharedCacheWarmUp>();
        }

        builder.Services.AddHybridCache(cache =>
        {
            cache.MaximumPayloadBytes = options.MaximumPayloadBytes;
            cache.MaximumKeyLength = 512;
            cache.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromMinutes(2),
                LocalCacheExpiration = TimeSpan.FromMinutes(2),
            };
        }).AddSerializer<DomainAssessment, AssessmentCacheSerializer>();
    }
}
