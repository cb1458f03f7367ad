using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Api.Storage;
using TlsPreflight.Api.Tests.Infrastructure;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Monitoring;

/// <summary>The service with Monitoring:Enabled on and a short tick: the loop itself finds and checks watched domains.</summary>
public sealed class RunningMonitorFactory : ApiFactory
{
    protected override Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        settings["Monitoring:Enabled"] = "true";
        settings["Monitoring:Tick"] = "00:00:00.200";
        return Task.CompletedTask;
    }
}

public sealed class PartnerMonitorLoopTests(RunningMonitorFactory factory) : FunctionalTest(factory), IClassFixture<RunningMonitorFactory>
{
    [Fact]
    public async Task With_monitoring_on_the_running_service_checks_a_new_forced_tls_domain_on_its_own()
    {
        var partner = Domain("enforced");
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        await SavePolicyAsync(admin, Policy(forcedTls: $$"""{"pattern":"{{partner}}","requiredLevel":"verified","action":"block"}"""));

        var level = await EventuallyAsync(async db => await db.Postures.Where(p => p.Domain == partner).Select(p => (SecurityLevel?)p.Level).FirstOrDefaultAsync(Cancel));

        Assert.Equal(SecurityLevel.Enforced, level);
        Assert.Equal(1, Factory.Assessor.CallsFor(partner)); // the interval (6 h) is not over: checked once
    }

    [Fact]
    public async Task Postures_last_seen_before_the_retention_are_deleted_but_a_domains_latest_stays()
    {
        var domain = Domain("verified");
        var evidence = new PostureEvidence([], [], null, null, false);
        var old = DateTimeOffset.UtcNow.AddDays(-500);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var (level, time) in new[] { (SecurityLevel.Plaintext, old), (SecurityLevel.Encrypted, old.AddDays(10)) })
            {
                db.Postures.Add(new PostureRow { Domain = domain, Time = time, LastSeen = time, Level = level, Fingerprint = level.ToString(), Evidence = evidence.ToJson() });
            }

            await db.SaveChangesAsync(Cancel);
        }

        await Factory.Services.GetRequiredService<RecheckPass>().RunOnceAsync(Cancel);

        await using var check = Factory.Services.CreateAsyncScope();
        var left = await check.ServiceProvider.GetRequiredService<AppDbContext>().Postures.Where(p => p.Domain == domain).Select(p => p.Level).ToListAsync(Cancel);
        Assert.Equal([SecurityLevel.Encrypted], left);
    }

    /// <summary>Polls the database until the query answers (the loop runs on its own tick); fails after 30 s.</summary>
    private async Task<T> EventuallyAsync<T>(Func<AppDbContext, Task<T?>> query)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var scope = Factory.Services.CreateAsyncScope())
            {
                if (await query(scope.ServiceProvider.GetRequiredService<AppDbContext>()) is { } found)
                {
                    return found;
                }
            }

            await Task.Delay(100, limit.Token);
        }
    }
}
