using System.Net;
using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Verdict;
using TlsPreflight.Probing.Words;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>The shapes a domain's mail DNS can take (RFC 5321 §5.1, RFC 7505), against the real lab DNS server.</summary>
public sealed class DnsShapeTests(LabFixture lab)
{
    [Fact]
    public async Task A_null_mx_means_the_domain_accepts_no_mail_and_nothing_is_dialled()
    {
        var domain = LabFixture.NewDomain("nullmx");
        lab.Zone.NullMx(domain);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.NoMail, result.Level);
        result.HasFinding(FindingCodes.NullMx);
        Assert.Empty(result.MxHosts);
    }

    [Fact]
    public async Task A_domain_without_mx_uses_its_own_address_as_implicit_mx()
    {
        var domain = LabFixture.NewDomain("implicit");
        var server = lab.Smtp(SmtpBehaviour.StartTls, domain, lab.Authority.Issue(domain));
        lab.Zone.A(domain, server.Address);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Verified, result.Level);
        result.HasFinding(FindingCodes.ImplicitMx);
        var host = Assert.Single(result.MxHosts);
        Assert.True(host.Implicit);
        Assert.Equal(domain, host.Host);
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task Two_mx_of_different_strength_give_the_weaker_level_and_both_are_listed_by_preference()
    {
        var domain = LabFixture.NewDomain("mixed");
        var strong = lab.Smtp(SmtpBehaviour.StartTls, $"mx1.{domain}", lab.Authority.Issue($"mx1.{domain}"));
        var weak = lab.Smtp(SmtpBehaviour.Plaintext, $"mx2.{domain}");
        lab.PublishMx(domain, weak, preference: 20);
        lab.PublishMx(domain, strong, preference: 10);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Plaintext, result.Level);
        Assert.Equal([$"mx1.{domain}", $"mx2.{domain}"], result.MxHosts.Select(h => h.Host));
        Assert.Equal([SecurityLevel.Verified, SecurityLevel.Plaintext], result.MxHosts.Select(h => h.Level));
    }

    [Fact]
    public async Task An_mx_target_that_is_a_cname_is_followed_and_flagged()
    {
        var domain = LabFixture.NewDomain("cname");
        var real = $"real.{domain}";
        var server = lab.Smtp(SmtpBehaviour.StartTls, real, lab.Authority.Issue($"mx.{domain}", real));
        lab.Zone.Mx(domain, 10, $"mx.{domain}").Cname($"mx.{domain}", real).A(real, server.Address);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        var host = Assert.Single(result.MxHosts);
        Assert.Equal(real, host.CnameTarget);
        result.HasFinding(FindingCodes.MxIsCname);
        Assert.Equal(ProbeOutcome.Completed, host.Probes.Single().Outcome);
    }

    [Fact]
    public async Task A_servfail_for_the_domain_is_unknown_with_a_dns_failure()
    {
        var domain = LabFixture.NewDomain("servfail");
        lab.Zone.ServerFailure(domain);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Unknown, result.Level);
        result.HasFinding(FindingCodes.DnsFailure);
    }

    [Fact]
    public async Task A_domain_that_does_not_exist_is_not_found_and_probably_mistyped()
    {
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(LabFixture.NewDomain("nxdomain"), TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.NoMail, result.Level);
        result.HasFinding(FindingCodes.DomainNotFound);
        result.LacksFinding(FindingCodes.NoMailServer);
        Assert.Contains("NXDOMAIN", result.Findings.Single(f => f.Code == FindingCodes.DomainNotFound).Detail);
        Assert.Contains("mistyped", EngineWords.Create().Finding(FindingCodes.DomainNotFound));
    }

    [Fact]
    public async Task A_dnssec_proven_nxdomain_is_not_found_and_says_it_is_authenticated()
    {
        var domain = LabFixture.NewDomain("nxsecure");
        lab.Zone.SecureNxDomain(domain);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.NoMail, result.Level);
        Assert.Contains("DNSSEC-authenticated", result.Findings.Single(f => f.Code == FindingCodes.DomainNotFound).Detail);
    }

    [Fact]
    public async Task A_domain_that_exists_without_mx_or_address_has_no_mail_server()
    {
        var domain = LabFixture.NewDomain("nomail");
        lab.Zone.Txt(domain, "v=spf1 -all");
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.NoMail, result.Level);
        result.HasFinding(FindingCodes.NoMailServer);
        result.LacksFinding(FindingCodes.DomainNotFound);
    }

    [Theory]
    [InlineData(6, "EDE 6 (DNSSEC Bogus")]
    [InlineData(7, "EDE 7 (Signature Expired")]
    [InlineData(null, "answers when checking is disabled")]
    public async Task A_servfail_that_is_a_dnssec_validation_failure_is_named_dnssec_invalid_and_unknown(int? extendedError, string detail)
    {
        var domain = LabFixture.NewDomain("bogus");
        lab.Zone.Mx(domain, 10, $"mx.{domain}").ValidationFailure(domain, (ushort?)extendedError);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Unknown, result.Level);
        var finding = Assert.Single(result.Findings, f => f.Code == FindingCodes.DnssecInvalid);
        Assert.Contains(detail, finding.Detail);
        result.LacksFinding(FindingCodes.DnsFailure);
        Assert.Contains("Exchange Online", EngineWords.Create().Finding(FindingCodes.DnssecInvalid));
    }

    [Theory]
    [InlineData(null, "also with checking disabled")]
    [InlineData(22, "EDE 22 (No Reachable Authority")]
    public async Task A_servfail_from_a_broken_server_stays_a_dns_failure(int? extendedError, string detail)
    {
        var domain = LabFixture.NewDomain("broken");
        lab.Zone.ServerFailure(domain, (ushort?)extendedError);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Unknown, result.Level);
        Assert.Contains(detail, Assert.Single(result.Findings, f => f.Code == FindingCodes.DnsFailure).Detail);
        result.LacksFinding(FindingCodes.DnssecInvalid);
    }

    [Fact]
    public async Task A_name_server_that_does_not_answer_gives_a_dns_error_not_an_exception()
    {
        var silent = TestLab.Network.LoopbackAddresses.Next();
        using var udp = new System.Net.Sockets.UdpClient(new IPEndPoint(silent, 0)); // bound, never answers
        var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        await using var engine = new LabEngine(lab, o =>
        {
            o.DnsServers = [$"{silent}:{port}"];
            o.DnsTimeout = TimeSpan.FromMilliseconds(300);
        });

        var result = await engine.AssessAsync("silent.lab.test", TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Unknown, result.Level);
        result.HasFinding(FindingCodes.DnsFailure);
    }

    [Fact]
    public async Task Mx_records_are_ordered_by_preference_and_a_null_mx_among_others_is_reported_as_mixed()
    {
        var domain = LabFixture.NewDomain("order");
        lab.Zone.Mx(domain, 30, $"c.{domain}").Mx(domain, 10, $"b.{domain}").Mx(domain, 10, $"a.{domain}").NullMx(domain);
        await using var engine = new LabEngine(lab);
        var dns = engine.Get<IMailDns>();

        var mx = await dns.LookupMxAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MxLookupStatus.NullMxMixed, mx.Status);
        Assert.Equal([$"a.{domain}", $"b.{domain}", $"c.{domain}"], mx.Targets.Select(t => t.Host));
    }

    [Fact]
    public async Task An_answer_too_large_for_udp_is_fetched_again_over_tcp()
    {
        var name = $"_mta-sts.{LabFixture.NewDomain("big")}";
        for (var i = 0; i < 30; i++)
            lab.Zone.Txt(name, $"record {i:00} " + new string('x', 230));
        await using var engine = new LabEngine(lab);
        var tcpBefore = lab.Dns.TcpQueryCount;

        var txt = await engine.Get<IMailDns>().LookupTxtAsync(name, TestContext.Current.CancellationToken);

        Assert.Null(txt.Error);
        Assert.Equal(30, txt.Records.Count);
        Assert.True(lab.Dns.TcpQueryCount > tcpBefore, "the truncated UDP answer should have been retried over TCP");
    }

    [Fact]
    public async Task Txt_character_strings_of_one_record_are_joined_without_separator()
    {
        var name = $"_smtp._tls.{LabFixture.NewDomain("split")}";
        lab.Zone.Txt(name, "v=TLSRPTv1; ", "rua=mailto:r@example.net");
        await using var engine = new LabEngine(lab);

        var txt = await engine.Get<IMailDns>().LookupTxtAsync(name, TestContext.Current.CancellationToken);

        Assert.Equal(["v=TLSRPTv1; rua=mailto:r@example.net"], txt.Records);
    }

    [Fact]
    public void Dns_server_settings_that_are_not_an_address_are_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => NameServerList.ParseOne("dns.example:53"));
        Assert.Contains("dns.example:53", error.Message);
        Assert.Equal(5353, NameServerList.ParseOne("127.0.0.1:5353").Port);
        Assert.Equal(53, NameServerList.ParseOne("127.0.0.1").Port);
        Assert.Equal(53, NameServerList.ParseOne("[::1]:53").Port);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("010.1.1.1")]
    [InlineData("0x7f.1")]
    [InlineData("[::1]")]
    [InlineData("127.0.0.1:0")]
    public void Dns_server_settings_follow_the_same_rule_as_the_cli_flag(string server)
    {
        // inet_aton forms ("1.2.3" is 1.2.0.3) and port-less brackets are refused here as --dns-server refuses them.
        Assert.Throws<ArgumentException>(() => NameServerList.ParseOne(server));
        Assert.False(NameServerList.TryParseEndPoint(server, out _));
    }
}
