using System.Net;
using TlsPreflight.Api.Tests.Infrastructure;
using TlsPreflight.TestLab.Scenarios;

namespace TlsPreflight.Api.Tests.Integration;

/// <summary>The API with the real engine pointed at the loopback lab (real DNS, SMTP with STARTTLS, HTTPS for MTA-STS).</summary>
public sealed class EngineLabFactory : ApiFactory
{
    public LabScenarios Lab { get; private set; } = null!;

    protected override bool UseScriptedEngine => false;

    protected override Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        Lab = LabScenarios.Start();
        foreach (var (name, value) in Lab.ProbingSettings)
        {
            settings[name] = value;
        }

        settings["Assessments:PreviewDeadline"] = "00:00:30";
        settings["Assessments:SendDeadline"] = "00:00:30";
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Lab.DisposeAsync();
    }
}

public sealed class EngineLabTests(EngineLabFactory factory) : FunctionalTest(factory), IClassFixture<EngineLabFactory>
{
    private LabScenarios Lab => ((EngineLabFactory)Factory).Lab;

    [Fact]
    public async Task Every_lab_domain_gets_its_expected_level_through_the_api()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var domains = Lab.ExpectedLevels.Keys.Order(StringComparer.Ordinal).ToArray();

        var (status, body) = await AssessAsync(client, "preview", domains.Select(d => "someone@" + d).ToArray());

        Assert.Equal(HttpStatusCode.OK, status);
        var levels = body!["domains"]!.AsArray().ToDictionary(d => (string)d!["domain"]!, d => (string?)d!["level"]);
        Assert.Equal(Lab.ExpectedLevels.OrderBy(e => e.Key, StringComparer.Ordinal), levels.OrderBy(e => e.Key, StringComparer.Ordinal)!);
    }

    [Fact]
    public async Task A_forced_tls_send_to_the_plaintext_lab_domain_is_blocked_and_audited_with_the_engines_findings()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        await SavePolicyAsync(admin, Policy(forcedTls: """{"pattern":"*.lab.test","requiredLevel":"verified","action":"block"}"""));

        var (_, body) = await AssessAsync(admin, "send", "a@plaintext.lab.test", "b@sts.lab.test");

        Assert.Equal("block", (string?)body!["decision"]);
        var plaintext = body["domains"]![0]!;
        Assert.Equal("block", (string?)plaintext["decision"]);
        Assert.Contains(plaintext["findings"]!.AsArray(), f => (string?)f!["code"] == "starttls-not-supported" && ((string?)f["text"])!.Length > 0);
        Assert.Equal("allow", (string?)body["domains"]![1]!["decision"]);
        var audit = await admin.GetStringAsync("/api/v1/audit?domain=plaintext.lab.test", Cancel);
        Assert.Contains("starttls-not-supported", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reserved_names_come_back_as_their_own_results_without_a_dns_query()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var queriesBefore = Lab.Dns.QueryCount;

        var (status, body) = await AssessAsync(client, "preview", "someone@localhost", "alice@printer.local", "bob@corp.internal", "carol@intranet");
        using var single = await client.GetAsync("/api/v1/domains/localhost", Cancel);
        var report = await ReadJsonAsync(single);

        Assert.Equal(HttpStatusCode.OK, status);
        var domains = body!["domains"]!.AsArray();
        Assert.Equal(["localhost", "printer.local", "corp.internal", "intranet"], domains.Select(d => (string?)d!["domain"]));
        Assert.All(domains, d =>
        {
            Assert.Equal("unknown", (string?)d!["level"]);
            Assert.Contains(d["findings"]!.AsArray(), f => (string?)f!["code"] == "reserved-domain" && ((string?)f["text"])!.Length > 0);
        });
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal("unknown", (string?)report!["level"]);
        Assert.Equal("reserved-domain", (string?)report["findings"]![0]!["code"]);
        Assert.Equal(queriesBefore, Lab.Dns.QueryCount);
    }

    [Fact]
    public async Task The_full_report_of_an_mta_sts_domain_shows_the_policy_and_the_mx_evidence()
    {
        var client = await Factory.SignInAsync(NewTenant());

        using var response = await client.GetAsync("/api/v1/domains/sts.lab.test", Cancel);
        var body = await ReadJsonAsync(response);

        Assert.Equal("enforced", (string?)body!["level"]);
        Assert.Equal("enforce", (string?)body["mtaSts"]!["mode"]);
        Assert.Equal("mx.sts.lab.test", (string?)body["mxHosts"]![0]!["host"]);
        Assert.True((bool)body["mxHosts"]![0]!["probes"]![0]!["startTlsOffered"]!);
    }
}
