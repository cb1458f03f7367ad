using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Api.Storage;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Monitoring;

/// <summary>Two API instances on one real PostgreSQL database (and one Redis): the lease row gives each re-check to exactly one.</summary>
public sealed class MonitorOnSharedPostgresTests : IAsyncLifetime
{
    private readonly SharedFactory first = new();
    private readonly SharedFactory second = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var database = await TestServices.CreatePostgresDatabaseAsync(Cancel);
        foreach (var factory in new[] { first, second })
        {
            await factory.InitializeAsync();
            factory.Settings["Database:Provider"] = "Postgres";
            factory.Settings["ConnectionStrings:Postgres"] = database;
            factory.Settings["ConnectionStrings:Redis"] = TestServices.Redis;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Two_instances_running_passes_at_once_probe_each_watched_domain_once_per_interval()
    {
        var tenant = Guid.NewGuid().ToString();
        var domains = Enumerable.Range(0, 6).Select(i => $"verified.{i}{Guid.NewGuid():N}.test").ToList();
        var admin = await first.SignInAsync(tenant, "admin", admin: true);
        var forced = string.Join(",", domains.Select(d => $$"""{"pattern":"{{d}}","requiredLevel":"verified","action":"block"}"""));
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy")
        {
            Content = new StringContent($$$"""
                {"failMode":"open","defaultRule":{"requiredLevel":"encrypted","action":"warn"},"forcedTls":[{{{forced}}}],
                 "internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":30}}
                """, System.Text.Encoding.UTF8, "application/json"),
        })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var saved = await admin.SendAsync(put, Cancel);
            saved.EnsureSuccessStatusCode();
        }

        _ = second.CreateClient(); // both hosts started and migrated
        var passes = Enumerable.Range(0, 4).SelectMany(_ => new[] { first.PassAsync(), second.PassAsync() });
        var checkedCounts = await Task.WhenAll(passes);

        Assert.Equal(domains.Count, checkedCounts.Sum());
        Assert.All(domains, d => Assert.Equal(1, first.Assessor.CallsFor(d) + second.Assessor.CallsFor(d)));
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.Postures.Where(p => domains.Contains(p.Domain)).CountAsync(Cancel);
        Assert.Equal(domains.Count, rows);
        Assert.All(await db.WatchedDomains.Where(w => domains.Contains(w.Domain)).ToListAsync(Cancel), w =>
        {
            Assert.Null(w.LeaseOwner);
            Assert.True(w.NextCheck > DateTimeOffset.UtcNow.AddHours(5));
        });
    }

    private sealed class SharedFactory : ApiFactory
    {
        public Task<int> PassAsync() => Services.GetRequiredService<RecheckPass>().RunOnceAsync(Cancel);
    }
}
