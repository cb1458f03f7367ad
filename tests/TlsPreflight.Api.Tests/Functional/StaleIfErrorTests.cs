using System.Net;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>A bad answer does not overwrite a good one (stale-if-error, `Assessments:StaleIfErrorGrace`).</summary>
public sealed class StaleIfErrorTests(SqliteApiFactory factory) : FunctionalTest(factory), IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task A_verified_domain_that_starts_timing_out_stays_verified_for_a_refresh_and_for_another_tenant()
    {
        var domain = Domain("verified");
        var tenantA = await Factory.SignInAsync(NewTenant());
        var tenantB = await Factory.SignInAsync(NewTenant());
        using var good = await tenantA.GetAsync($"/api/v1/domains/{domain}", Cancel);
        var seenAt = (string?)(await ReadJsonAsync(good))!["checkedAt"];

        Factory.Assessor.StartTimingOut(domain);
        using var refreshed = await tenantA.GetAsync($"/api/v1/domains/{domain}?refresh=true", Cancel);
        var (status, decisionB) = await AssessAsync(tenantB, "preview", "bob@" + domain);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = (await ReadJsonAsync(refreshed))!;
        Assert.Equal(2, Factory.Assessor.CallsFor(domain));
        Assert.Equal("verified", (string?)body["level"]);
        Assert.True((bool)body["lastKnown"]!);
        Assert.Equal(seenAt, (string?)body["checkedAt"]);
        var failed = body["findings"]!.AsArray().Single(f => (string?)f!["code"] == "latest-check-failed")!;
        Assert.Equal("timeout", (string?)failed["detail"]);

        Assert.Equal(HttpStatusCode.OK, status);
        var domainB = decisionB!["domains"]![0]!;
        Assert.Equal("verified", (string?)domainB["level"]);
        Assert.Equal("allow", (string?)domainB["decision"]);
        Assert.True((bool)domainB["lastKnown"]!);
        Assert.Contains(domainB["findings"]!.AsArray(), f => (string?)f!["code"] == "latest-check-failed");
    }

    [Fact]
    public async Task A_fresh_result_says_it_is_not_the_last_known_level()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var (_, body) = await AssessAsync(client, "preview", "a@" + Domain("encrypted"));
        Assert.False((bool)body!["domains"]![0]!["lastKnown"]!);
    }
}

/// <summary>With no grace period, the failed check is the answer.</summary>
public sealed class NoGraceApiFactory : ApiFactory
{
    protected override Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        settings["Assessments:StaleIfErrorGrace"] = "00:00:00";
        return Task.CompletedTask;
    }
}

public sealed class StaleIfErrorGraceTests(NoGraceApiFactory factory) : FunctionalTest(factory), IClassFixture<NoGraceApiFactory>
{
    [Fact]
    public async Task A_known_level_older_than_the_grace_period_gives_way_to_the_failed_check()
    {
        var domain = Domain("verified");
        var client = await Factory.SignInAsync(NewTenant());
        (await client.GetAsync($"/api/v1/domains/{domain}", Cancel)).Dispose();

        Factory.Assessor.StartTimingOut(domain);
        using var refreshed = await client.GetAsync($"/api/v1/domains/{domain}?refresh=true", Cancel);

        var body = (await ReadJsonAsync(refreshed))!;
        Assert.Equal("unknown", (string?)body["level"]);
        Assert.False((bool)body["lastKnown"]!);
    }
}
