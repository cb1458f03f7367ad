using System.Net;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Names;
using TlsPreflight.TestLab.Https;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>What the prober must not do: dial private addresses found in DNS, or hit one server more than needed.</summary>
public sealed class GoodCitizenTests(LabFixture lab)
{
    [Fact]
    public async Task With_the_guard_on_an_mx_at_127_0_0_1_is_never_dialled()
    {
        var domain = LabFixture.NewInternetDomain("private");
        var mxHost = $"mx.{domain}";
        var listener = lab.Smtp(SmtpBehaviour.StartTls, mxHost, lab.Authority.Issue(mxHost), IPAddress.Loopback);
        lab.PublishMx(domain, listener);
        await using var engine = new LabEngine(lab, o => o.AllowPrivateNetworks = false);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        result.HasFinding(FindingCodes.MxPrivateAddress);
        Assert.Equal(ProbeOutcome.SkippedPrivateAddress, result.OnlyProbe().Outcome);
        Assert.Equal(SecurityLevel.Unknown, result.Level);
        Assert.Equal(0, listener.ConnectionCount);
    }

    [Fact]
    public async Task With_the_guard_on_a_policy_host_at_127_0_0_1_is_never_fetched()
    {
        var domain = LabFixture.NewInternetDomain("privatests");
        var policyHost = $"mta-sts.{domain}";
        await using var https = LabHttpsServer.Start(0, IPAddress.Loopback);
        https.Route(policyHost, lab.Authority.Issue(policyHost), LabHttpResponse.Policy("enforce", 86400, "*.example"), lab.Authority.Chain);
        lab.Zone.Txt($"_mta-sts.{domain}", "v=STSv1; id=1;").A(policyHost, IPAddress.Loopback).NullMx(domain);
        await using var engine = new LabEngine(lab, o =>
        {
            o.AllowPrivateNetworks = false;
            o.HttpsPort = https.Port;
        });

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.FetchError, result.MtaSts.Status);
        Assert.Contains("resolves only to an address in a private or reserved range", result.MtaSts.Error);
        Assert.Equal(0, https.ConnectionCount);
    }

    [Fact]
    public async Task Domains_sharing_an_mx_host_cost_one_connection()
    {
        var mxHost = $"mx.{LabFixture.NewDomain("shared")}";
        var server = lab.Smtp(SmtpBehaviour.StartTls, mxHost, lab.Authority.Issue(mxHost));
        var domains = Enumerable.Range(0, 5).Select(i => LabFixture.NewDomain($"customer{i}")).ToList();
        foreach (var domain in domains)
            lab.PublishMx(domain, server, mxHost: mxHost);
        await using var engine = new LabEngine(lab);

        var results = await engine.Assessor.AssessManyAsync(domains, TestContext.Current.CancellationToken);
        var again = await engine.AssessAsync(domains[0], TestContext.Current.CancellationToken);

        Assert.Equal(domains, results.Select(r => r.Domain));
        Assert.All(results, r => Assert.Equal(SecurityLevel.Verified, r.Level));
        Assert.Equal(SecurityLevel.Verified, again.Level);
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task Several_mx_names_on_one_address_are_probed_one_connection_at_a_time()
    {
        var domain = LabFixture.NewDomain("oneaddress");
        var server = lab.Smtp(SmtpBehaviour.StartTls, $"mx1.{domain}", lab.Authority.Issue($"mx1.{domain}", $"mx2.{domain}", $"mx3.{domain}"));
        foreach (var n in new[] { 1, 2, 3 })
            lab.PublishMx(domain, server, preference: (ushort)(n * 10), mxHost: $"mx{n}.{domain}");
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Verified, result.Level);
        Assert.Equal(3, server.ConnectionCount); // one probe per MX host name (SNI differs)
        Assert.Equal(1, server.MaxConcurrentConnections);
    }

    [Fact]
    public async Task Addresses_and_duplicates_in_a_batch_give_one_result_per_domain_in_input_order()
    {
        var (first, _, _) = lab.VerifiedDomain("batch1");
        var second = LabFixture.NewDomain("batch2");
        lab.Zone.NullMx(second);
        await using var engine = new LabEngine(lab);

        var results = await engine.Assessor.AssessManyAsync(
            [$"Someone@{first.ToUpperInvariant()}", second + ".", first], TestContext.Current.CancellationToken);

        Assert.Equal([first, second], results.Select(r => r.Domain));
        Assert.Equal([SecurityLevel.Verified, SecurityLevel.NoMail], results.Select(r => r.Level));
    }

    [Fact]
    public async Task An_invalid_domain_is_a_clear_error_before_any_traffic()
    {
        using var ownDns = TestLab.Dns.LabDnsServer.Start(); // not shared, so its query count is this test's alone
        await using var engine = new LabEngine(lab, o => o.DnsServers = [ownDns.Address]);

        var error = await Assert.ThrowsAsync<InvalidDomainException>(
            () => engine.Assessor.AssessManyAsync(["fine.example", "not a domain!"], TestContext.Current.CancellationToken));

        Assert.Contains("not a domain!", error.Message);
        Assert.Equal(0, ownDns.QueryCount);
    }

    [Fact]
    public async Task The_probe_speaks_ehlo_starttls_ehlo_quit_with_the_configured_name()
    {
        var (domain, _, server) = lab.VerifiedDomain("ehlo");
        await using var engine = new LabEngine(lab, o => o.EhloName = "prober.example.org");

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Completed, result.OnlyProbe().Outcome);
        Assert.Equal(["EHLO prober.example.org", "STARTTLS", "tls: EHLO prober.example.org", "tls: QUIT"], server.Commands);
    }
}
