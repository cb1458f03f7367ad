using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Api.RemoteProbing;
using TlsPreflight.Prober.Tests.Infrastructure;

namespace TlsPreflight.Prober.Tests.Delegation;

/// <summary>The API with `Probing:Remote` pointing at real agents, which it reaches over real loopback sockets.</summary>
public sealed class RemoteProbingTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private IReadOnlyDictionary<string, string> Expected => fixture.Lab.ExpectedLevels;

    [Fact]
    public async Task An_api_whose_own_smtp_port_is_closed_gets_the_labs_real_levels_from_its_agent()
    {
        await using var agent = await RunningAgent.StartAsync(fixture.Lab);
        await using var api = new DelegatingApiFactory(fixture.Lab, [agent.Url]);

        var levels = await LevelsAsync(api, Expected.Keys);

        Assert.Equal(Expected.OrderBy(e => e.Key, StringComparer.Ordinal), levels.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task With_the_wrong_key_the_agent_refuses_and_the_api_answers_prober_unreachable()
    {
        await using var agent = await RunningAgent.StartAsync(fixture.Lab);
        await using var api = new DelegatingApiFactory(fixture.Lab, [agent.Url], key: RunningAgent.NextKey);

        var findings = await FindingsAsync(api, "verified.lab.test");

        Assert.Equal("unknown", findings.Level);
        Assert.Contains("prober-unreachable", findings.Codes);
    }

    [Fact]
    public async Task When_one_of_two_agents_stops_every_domain_is_still_answered_by_the_other()
    {
        await using var first = await RunningAgent.StartAsync(fixture.Lab);
        await using var second = await RunningAgent.StartAsync(fixture.Lab);
        await using var api = new DelegatingApiFactory(fixture.Lab, [first.Url, second.Url]);
        // Stop the agent that verified.lab.test is routed to, so at least that domain must fail over.
        var route = api.Services.GetRequiredService<ProberRoute>();
        var primary = (await route.RankAsync("verified.lab.test", [first.Url, second.Url], Cancel))[0];
        await (primary == first.Url ? first : second).StopAsync();

        var levels = await LevelsAsync(api, Expected.Keys);

        Assert.Equal(Expected.OrderBy(e => e.Key, StringComparer.Ordinal), levels.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task When_both_agents_are_stopped_the_domain_is_unknown_with_prober_unreachable_and_the_fail_mode_decides()
    {
        await using var first = await RunningAgent.StartAsync(fixture.Lab);
        await using var second = await RunningAgent.StartAsync(fixture.Lab);
        await using var api = new DelegatingApiFactory(fixture.Lab, [first.Url, second.Url]);
        var tenant = Guid.NewGuid().ToString();
        var admin = await api.SignInAsync(tenant, admin: true);
        await SaveFailSafePolicyAsync(admin);
        await first.StopAsync();
        await second.StopAsync();

        using var response = await admin.PostAsJsonAsync("/api/v1/assessments", new { recipients = new[] { "a@verified.lab.test" }, intent = "send" }, Cancel);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var domain = body["domains"]![0]!;
        Assert.Equal("unknown", (string?)domain["level"]);
        var finding = domain["findings"]!.AsArray().Single(f => (string?)f!["code"] == "prober-unreachable")!;
        Assert.False(string.IsNullOrWhiteSpace((string?)finding["text"]));
        Assert.Equal("block", (string?)body["decision"]); // fail safe: unknown is blocked
    }

    [Fact]
    public async Task Domains_whose_primary_mx_is_the_same_go_to_the_same_agent_whatever_the_order_agents_are_listed_in()
    {
        fixture.Lab.Zone.Mx("shared-a.lab.test", 10, "mx.verified.lab.test").Mx("shared-b.lab.test", 10, "mx.verified.lab.test");
        var agents = Enumerable.Range(1, 5).Select(i => new Uri($"http://prober-{i}.example:8080/")).ToArray();
        await using var api = new DelegatingApiFactory(fixture.Lab, agents);
        var route = api.Services.GetRequiredService<ProberRoute>();

        var a = await route.RankAsync("shared-a.lab.test", agents, Cancel);
        var b = await route.RankAsync("shared-b.lab.test", [.. agents.Reverse()], Cancel);

        Assert.Equal(a, b);
        Assert.Equal(ProberRoute.Rank("mx.verified.lab.test", agents), a);
    }

    [Fact]
    public void Routing_spreads_mx_hosts_over_the_agents()
    {
        var agents = new[] { new Uri("http://prober-a:8080/"), new Uri("http://prober-b:8080/"), new Uri("http://prober-c:8080/") };

        var firsts = Enumerable.Range(0, 300).Select(i => ProberRoute.Rank($"mx{i}.example.net", agents)[0]).GroupBy(u => u).ToList();

        Assert.Equal(3, firsts.Count);
        Assert.All(firsts, g => Assert.InRange(g.Count(), 60, 140));
    }

    private static async Task<Dictionary<string, string>> LevelsAsync(DelegatingApiFactory api, IEnumerable<string> domains)
    {
        var client = await api.SignInAsync(Guid.NewGuid().ToString());
        using var response = await client.PostAsJsonAsync("/api/v1/assessments",
            new { recipients = domains.Select(d => "someone@" + d).ToArray(), intent = "preview" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;
        return body["domains"]!.AsArray().ToDictionary(d => (string)d!["domain"]!, d => (string)d!["level"]!);
    }

    private static async Task<(string Level, string[] Codes)> FindingsAsync(DelegatingApiFactory api, string domain)
    {
        var client = await api.SignInAsync(Guid.NewGuid().ToString());
        var body = JsonNode.Parse(await client.GetStringAsync($"/api/v1/domains/{domain}", Cancel))!;
        return ((string)body["level"]!, [.. body["findings"]!.AsArray().Select(f => (string)f!["code"]!)]);
    }

    private static async Task SaveFailSafePolicyAsync(HttpClient admin)
    {
        const string policy = """
            {"failMode":"safe","defaultRule":{"requiredLevel":"encrypted","action":"warn"},"forcedTls":[],
             "internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":30}}
            """;
        using var current = await admin.GetAsync("/api/v1/policy", Cancel);
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy") { Content = new StringContent(policy, Encoding.UTF8, "application/json") };
        put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
        using var saved = await admin.SendAsync(put, Cancel);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }
}
