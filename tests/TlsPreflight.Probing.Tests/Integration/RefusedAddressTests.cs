using System.Net;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Safety;
using TlsPreflight.TestLab.Https;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>What the guard refused stays out of the result: no address, no range, no CNAME target leading to one,
/// so a caller cannot use the prober to map the networks around it.</summary>
public sealed class RefusedAddressTests(LabFixture lab)
{
    [Fact]
    public async Task With_the_guard_on_the_json_of_a_domain_whose_mx_hosts_resolve_to_private_addresses_names_none_of_them()
    {
        var domain = LabFixture.NewInternetDomain("leak");
        var hidden = $"backend.{LabFixture.NewInternetDomain("hidden")}";
        lab.Zone
            .Mx(domain, 10, $"mx1.{domain}").A($"mx1.{domain}", IPAddress.Parse("10.1.2.3"))
            .Mx(domain, 20, $"mx2.{domain}").A($"mx2.{domain}", IPAddress.Parse("192.168.7.8"))
                .Aaaa($"mx2.{domain}", IPAddress.Parse("2002:c0a8:0101::25")) // 6to4 of 192.168.1.1
            .Mx(domain, 30, $"mx3.{domain}").A($"mx3.{domain}", IPAddress.Parse("127.0.0.1"))
                .Aaaa($"mx3.{domain}", IPAddress.Parse("::ffff:10.9.8.7"))
            .Mx(domain, 40, $"mx4.{domain}").Cname($"mx4.{domain}", hidden).A(hidden, IPAddress.Parse("172.16.5.4"))
            .Txt($"_mta-sts.{domain}", "v=STSv1; id=1;").A($"mta-sts.{domain}", IPAddress.Parse("10.20.30.40"));
        await using var engine = new LabEngine(lab, o => o.AllowPrivateNetworks = false);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);
        var json = AssessmentJson.Serialize(result);

        Assert.Equal(SecurityLevel.Unknown, result.Level);
        result.HasFinding(FindingCodes.MxPrivateAddress);
        result.HasFinding(FindingCodes.MxIsCname);
        Assert.Equal(MtaStsStatus.FetchError, result.MtaSts.Status);
        foreach (var secret in new[] { "10.1.2.3", "192.168.7.8", "2002:c0a8", "192.168.1.1", "127.0.0.1", "10.9.8.7", "172.16.5.4", hidden, "10.20.30.40",
                     "RFC 1918", "loopback", "6to4" })
            Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(DialPolicy.RefusedAddress, json, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.Code == FindingCodes.MxPrivateAddress && f.Detail == DialPolicy.RefusedAddress);
    }

    [Fact]
    public async Task An_mx_in_an_extra_refused_range_is_never_dialled_even_where_private_networks_are_allowed()
    {
        var (domain, _, server) = lab.VerifiedDomain("extrarefused");
        await using var engine = new LabEngine(lab, o => o.ExtraRefusedRanges = [$"{server.Address}/32"]);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Unknown, result.Level);
        Assert.Equal(ProbeOutcome.SkippedPrivateAddress, result.OnlyProbe().Outcome);
        Assert.DoesNotContain(server.Address.ToString(), AssessmentJson.Serialize(result), StringComparison.Ordinal);
        Assert.Equal(0, server.ConnectionCount);
    }

    [Fact]
    public async Task A_policy_host_in_an_extra_refused_range_is_never_fetched()
    {
        var domain = LabFixture.NewDomain("extrasts");
        var policyHost = $"mta-sts.{domain}";
        await using var https = LabHttpsServer.Start();
        https.Route(policyHost, lab.Authority.Issue(policyHost), LabHttpResponse.Policy("enforce", 86400, "*.lab.test"), lab.Authority.Chain);
        lab.Zone.Txt($"_mta-sts.{domain}", "v=STSv1; id=1;").A(policyHost, https.Address).NullMx(domain);
        await using var engine = new LabEngine(lab, o =>
        {
            o.HttpsPort = https.Port;
            o.ExtraRefusedRanges = ["127.0.0.0/8"];
        });

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.FetchError, result.MtaSts.Status);
        Assert.DoesNotContain(https.Address.ToString(), result.MtaSts.Error, StringComparison.Ordinal);
        Assert.Equal(0, https.ConnectionCount);
    }
}
