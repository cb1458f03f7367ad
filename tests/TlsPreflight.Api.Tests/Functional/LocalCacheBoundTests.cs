using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>A local cache bound small enough to reach with a few dozen domains.</summary>
public sealed class SmallLocalCacheFactory : ApiFactory
{
    public const long Limit = 16 * 1024;

    protected override Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        settings["Caching:LocalSizeLimitBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }
}

public sealed class LocalCacheBoundTests(SmallLocalCacheFactory factory) : FunctionalTest(factory), IClassFixture<SmallLocalCacheFactory>
{
    [Fact]
    public async Task The_local_cache_never_holds_more_bytes_than_its_limit_however_many_domains_are_checked()
    {
        var client = await Factory.SignInAsync(NewTenant());
        for (var i = 0; i < 8; i++)
        {
            var domains = Enumerable.Range(0, 10).Select(_ => "a@" + Domain("verified")).ToArray();
            var (status, _) = await AssessAsync(client, "preview", domains);
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
        }

        var memory = (MemoryCache)Factory.Services.GetRequiredService<IMemoryCache>();
        var statistics = memory.GetCurrentStatistics();
        Assert.NotNull(statistics);
        Assert.True(statistics.CurrentEstimatedSize is > 0 and <= SmallLocalCacheFactory.Limit,
            $"local cache holds {statistics.CurrentEstimatedSize} bytes, limit {SmallLocalCacheFactory.Limit}");
    }
}
