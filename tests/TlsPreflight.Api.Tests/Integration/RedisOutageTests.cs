using System.Net;
using StackExchange.Redis;
using TlsPreflight.Api.Tests.Infrastructure;
using TlsPreflight.TestLab.Scenarios;

namespace TlsPreflight.Api.Tests.Integration;

/// <summary>The real engine against the lab, Redis as the shared cache; the test owns the redis-server and kills it mid-run.</summary>
public sealed class RedisOutageFactory : ApiFactory
{
    public LabScenarios Lab { get; private set; } = null!;

    public OwnRedis Redis { get; private set; } = null!;

    protected override bool UseScriptedEngine => false;

    protected override async Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        Lab = LabScenarios.Start();
        Redis = await OwnRedis.StartAsync(TestContext.Current.CancellationToken);
        settings["ConnectionStrings:Redis"] = Redis.Address;
        foreach (var (name, value) in Lab.ProbingSettings)
        {
            settings[name] = value;
        }

        // The bound of the wait: an answer that took longer would be the deadline's `unknown`, not the real level.
        settings["Assessments:SendDeadline"] = "00:00:02";
        settings["Caching:BreakDuration"] = "00:00:01";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Lab.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class RedisOutageTests(RedisOutageFactory factory) : FunctionalTest(factory), IClassFixture<RedisOutageFactory>
{
    private OwnRedis Redis => ((RedisOutageFactory)Factory).Redis;

    [Fact]
    public async Task With_redis_killed_a_new_domain_gets_its_real_level_within_the_send_deadline_and_redis_is_used_again_when_it_returns()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var anonymous = Factory.CreateClient();
        var (_, before) = await AssessAsync(client, "send", "a@plaintext.lab.test");
        Assert.Equal("plaintext", (string?)before!["domains"]![0]!["level"]);
        Assert.Equal("Healthy", await ReadyAsync(anonymous));

        await Redis.StopAsync();
        var (status, during) = await AssessAsync(client, "send", "b@verified.lab.test");
        var (_, next) = await AssessAsync(client, "send", "c@encrypted.lab.test");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("verified", (string?)during!["domains"]![0]!["level"]);
        Assert.Equal("encrypted", (string?)next!["domains"]![0]!["level"]);
        Assert.Equal("Degraded", await ReadyAsync(anonymous));
        Assert.Contains(Factory.Logs.Lines, line => line.Contains("running on the local cache alone", StringComparison.Ordinal));

        await Redis.StartAgainAsync(Cancel);
        var healthy = await PollAsync(async () => await ReadyAsync(anonymous) == "Healthy");
        Assert.True(healthy, "/health/ready did not turn Healthy after Redis came back");
        (await client.GetAsync("/api/v1/domains/sts.lab.test", Cancel)).Dispose();
        await using var direct = await ConnectionMultiplexer.ConnectAsync(Redis.Address);
        Assert.True(await direct.GetDatabase().KeyExistsAsync("tlspreflight:assessment:sts.lab.test"));
    }

    private static async Task<string> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready", Cancel);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200, Cancel);
        }

        return false;
    }
}
