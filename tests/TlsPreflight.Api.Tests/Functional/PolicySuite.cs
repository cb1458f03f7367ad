using System.Net;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>GET/PUT /api/v1/policy and its history, on each storage provider.</summary>
public abstract class PolicySuite(ApiFactory factory) : FunctionalTest(factory)
{
    [Fact]
    public async Task A_new_tenant_reads_the_default_policy_as_version_0()
    {
        var client = await Factory.SignInAsync(NewTenant());

        using var response = await client.GetAsync("/api/v1/policy", Cancel);
        var body = await ReadJsonAsync(response);

        Assert.Equal("\"0\"", response.Headers.ETag!.ToString());
        Assert.Equal(0, (int)body!["version"]!);
        Assert.Equal("open", (string?)body["failMode"]);
        Assert.Equal("encrypted", (string?)body["defaultRule"]!["requiredLevel"]);
        Assert.Equal("warn", (string?)body["defaultRule"]!["action"]);
        Assert.Empty(body["forcedTls"]!.AsArray());
        Assert.Equal([LoopbackGraph.VerifiedDomain, LoopbackGraph.SecondPageDomain], body["internalDomains"]!["directory"]!.AsArray().Select(d => (string?)d));
        Assert.False((bool)body["audit"]!["storeRecipientAddresses"]!);
    }

    [Fact]
    public async Task A_user_who_is_not_an_admin_cannot_change_the_policy()
    {
        var client = await Factory.SignInAsync(NewTenant());
        using var response = await PutPolicyAsync(client, Policy(), "\"0\"");
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Saving_without_if_match_answers_428()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        using var response = await PutPolicyAsync(admin, Policy(), ifMatch: null);
        await AssertProblemAsync(response, HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task Saving_over_a_stale_version_answers_412_and_keeps_the_newer_policy()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        using var first = await PutPolicyAsync(admin, Policy(failMode: "safe"), "\"0\"");
        using var stale = await PutPolicyAsync(admin, Policy(failMode: "open"), "\"0\"");
        using var garbage = await PutPolicyAsync(admin, Policy(failMode: "open"), "version-one");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        await AssertProblemAsync(garbage, HttpStatusCode.PreconditionFailed);
        using var current = await admin.GetAsync("/api/v1/policy", Cancel);
        Assert.Equal("safe", (string?)(await ReadJsonAsync(current))!["failMode"]);
    }

    [Fact]
    public async Task A_saved_policy_is_normalised_versioned_and_kept_in_the_history_with_who_saved_it()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true, name: "Admin@Contoso.example");
        using var v1 = await PutPolicyAsync(admin, Policy(defaultLevel: "plaintext"), "\"0\"");
        using var v2 = await PutPolicyAsync(admin,
            Policy(forcedTls: """{"pattern":"Partner.EXAMPLE","requiredLevel":"verified","action":"block"},{"pattern":"*.College.example","requiredLevel":"encrypted","action":"warn"}"""),
            v1.Headers.ETag!.ToString());

        Assert.Equal("\"2\"", v2.Headers.ETag!.ToString());
        var saved = await ReadJsonAsync(v2);
        Assert.Equal(2, (int)saved!["version"]!);
        Assert.Equal("admin@contoso.example", (string?)saved["updatedBy"]);
        Assert.Equal("partner.example", (string?)saved["forcedTls"]![0]!["pattern"]);
        Assert.Equal("*.college.example", (string?)saved["forcedTls"]![1]!["pattern"]);

        using var history = await admin.GetAsync("/api/v1/policy/history", Cancel);
        var versions = (await ReadJsonAsync(history))!.AsArray();
        Assert.Equal([2, 1], versions.Select(v => (int)v!["version"]!));
        Assert.Equal("plaintext", (string?)versions[1]!["policy"]!["defaultRule"]!["requiredLevel"]);
        Assert.All(versions, v => Assert.Equal("admin@contoso.example", (string?)v!["updatedBy"]));
    }

    [Fact]
    public async Task A_policy_read_back_can_be_saved_as_is()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        using var read = await admin.GetAsync("/api/v1/policy", Cancel);
        var body = await read.Content.ReadAsStringAsync(Cancel);

        using var saved = await PutPolicyAsync(admin, body, read.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    [Fact]
    public async Task Invalid_patterns_levels_and_retention_are_reported_per_field()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var policy = """
            {"failMode":"open","defaultRule":{"requiredLevel":"unknown","action":"warn"},
             "forcedTls":[{"pattern":"*.*.example","requiredLevel":"verified","action":"block"},
                          {"pattern":"bob@partner.example","requiredLevel":"verified","action":"block"},
                          {"pattern":"ok.example","requiredLevel":"no-mail","action":"block"},
                          {"pattern":"OK.example","requiredLevel":"verified","action":"block"}],
             "internalDomains":{"manual":["not a domain"]},
             "audit":{"storeRecipientAddresses":false,"retentionDays":0}}
            """;

        using var response = await PutPolicyAsync(admin, policy, "\"0\"");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await ReadJsonAsync(response))!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["audit.retentionDays", "defaultRule.requiredLevel", "forcedTls[0].pattern", "forcedTls[1].pattern", "forcedTls[2].requiredLevel",
             "forcedTls[3].pattern", "internalDomains[0]"],
            errors);
    }

    [Fact]
    public async Task Another_tenants_policy_is_neither_visible_nor_changed()
    {
        var adminA = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var adminB = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        await SavePolicyAsync(adminA, Policy(failMode: "safe"));

        using var readB = await adminB.GetAsync("/api/v1/policy", Cancel);
        using var historyB = await adminB.GetAsync("/api/v1/policy/history", Cancel);

        Assert.Equal("open", (string?)(await ReadJsonAsync(readB))!["failMode"]);
        Assert.Equal(0, (int)(await ReadJsonAsync(readB))!["version"]!);
        Assert.Empty((await ReadJsonAsync(historyB))!.AsArray());
    }

    [Fact]
    public async Task A_user_can_read_the_policy_but_not_its_history()
    {
        var client = await Factory.SignInAsync(NewTenant());
        using var read = await client.GetAsync("/api/v1/policy", Cancel);
        using var history = await client.GetAsync("/api/v1/policy/history", Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertProblemAsync(history, HttpStatusCode.Forbidden);
    }
}

public sealed class PolicyOnSqlite(SqliteApiFactory factory) : PolicySuite(factory), IClassFixture<SqliteApiFactory>;

public sealed class PolicyOnPostgres(PostgresApiFactory factory) : PolicySuite(factory), IClassFixture<PostgresApiFactory>;
