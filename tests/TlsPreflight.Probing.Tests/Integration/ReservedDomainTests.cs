using TlsPreflight.Probing.Model;
using TlsPreflight.TestLab.Dns;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>Special-use and private names come back as their own result without a single DNS query: a resolver
/// inside the deployment may know them, and the prober must not map its own network for a caller.</summary>
public sealed class ReservedDomainTests(LabFixture lab)
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("postmaster@localhost")]
    [InlineData("app.localhost")]
    [InlineData("alice@printer.local")]
    [InlineData("nothing.invalid")]
    [InlineData("www.example")]
    [InlineData("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion")]
    [InlineData("nas.home.arpa")]
    [InlineData("metadata.google.internal")]
    [InlineData("name.alt")]
    [InlineData("intranet")]
    [InlineData("mx.lab.test")] // the guard is on here, so .test is reserved too
    public async Task A_reserved_name_is_unknown_with_reserved_domain_and_asks_no_dns_server(string input)
    {
        using var ownDns = LabDnsServer.Start(); // not shared, so its query count is this test's alone
        ownDns.Zone.Mx("printer.local", 10, "mx.printer.local").A("mx.printer.local", System.Net.IPAddress.Parse("10.0.0.25"));
        await using var engine = new LabEngine(lab, o =>
        {
            o.DnsServers = [ownDns.Address];
            o.AllowPrivateNetworks = false;
        });

        var result = await engine.AssessAsync(input, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Unknown, result.Level);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingCodes.ReservedDomain, finding.Code);
        Assert.False(string.IsNullOrWhiteSpace(finding.Detail));
        Assert.Empty(result.MxHosts);
        Assert.Equal(0, ownDns.QueryCount);
    }

    [Fact]
    public async Task A_reserved_name_in_a_batch_gets_its_own_result_beside_the_others()
    {
        var (verified, _, _) = lab.VerifiedDomain("besidereserved");
        await using var engine = new LabEngine(lab);

        var results = await engine.Assessor.AssessManyAsync(["someone@localhost", verified], TestContext.Current.CancellationToken);

        Assert.Equal(["localhost", verified], results.Select(r => r.Domain));
        Assert.Equal([SecurityLevel.Unknown, SecurityLevel.Verified], results.Select(r => r.Level));
        results[0].HasFinding(FindingCodes.ReservedDomain);
    }

    [Fact]
    public async Task With_labs_allowed_a_test_name_is_looked_up_as_usual()
    {
        using var ownDns = LabDnsServer.Start();
        await using var engine = new LabEngine(lab, o => o.DnsServers = [ownDns.Address]);

        var result = await engine.AssessAsync(LabFixture.NewDomain("stilllooked"), TestContext.Current.CancellationToken);

        result.LacksFinding(FindingCodes.ReservedDomain);
        Assert.True(ownDns.QueryCount > 0);
    }
}
