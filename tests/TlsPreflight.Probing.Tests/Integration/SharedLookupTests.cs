using ARSoft.Tools.Net.Dns;
using TlsPreflight.Probing.Model;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>A batch asks about each shared MX host once, counted at the lab's DNS server (issue 11).</summary>
public sealed class SharedLookupTests(LabFixture lab)
{
    [Fact]
    public async Task Fifty_domains_over_ten_mx_hosts_ask_each_host_for_a_aaaa_and_tlsa_once()
    {
        var suffix = LabFixture.NewDomain("fleet");
        var hosts = Enumerable.Range(0, 10).Select(i => $"mx{i}.{suffix}").ToList();
        var servers = hosts.Select(h => lab.Smtp(SmtpBehaviour.StartTls, h, lab.Authority.Issue(h))).ToList();
        var domains = Enumerable.Range(0, 50).Select(i => $"d{i:00}.{suffix}").ToList();
        for (var i = 0; i < domains.Count; i++)
            lab.PublishMx(domains[i], servers[i % hosts.Count], mxHost: hosts[i % hosts.Count]);
        await using var engine = new LabEngine(lab);

        var results = await engine.Assessor.AssessManyAsync(domains, TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(SecurityLevel.Verified, r.Level));
        Assert.All(hosts, host =>
        {
            Assert.Equal(1, lab.Dns.QueryCountFor(host, RecordType.A));
            Assert.Equal(1, lab.Dns.QueryCountFor(host, RecordType.Aaaa));
            Assert.Equal(1, lab.Dns.QueryCountFor($"_25._tcp.{host}", RecordType.Tlsa));
        });
        // What each domain must ask for itself: its MX, its MTA-STS record and its TLS-RPT record.
        Assert.All(domains, domain =>
        {
            Assert.Equal(1, lab.Dns.QueryCountFor(domain, RecordType.Mx));
            Assert.Equal(1, lab.Dns.QueryCountFor($"_mta-sts.{domain}", RecordType.Txt));
            Assert.Equal(1, lab.Dns.QueryCountFor($"_smtp._tls.{domain}", RecordType.Txt));
        });
        Assert.All(servers, s => Assert.Equal(1, s.ConnectionCount));
    }

    [Fact]
    public async Task Separate_calls_ask_about_a_shared_mx_host_again()
    {
        var mxHost = $"mx.{LabFixture.NewDomain("again")}";
        var server = lab.Smtp(SmtpBehaviour.StartTls, mxHost, lab.Authority.Issue(mxHost));
        var first = LabFixture.NewDomain("first");
        var second = LabFixture.NewDomain("second");
        lab.PublishMx(first, server, mxHost: mxHost);
        lab.PublishMx(second, server, mxHost: mxHost);
        await using var engine = new LabEngine(lab);

        await engine.AssessAsync(first, TestContext.Current.CancellationToken);
        var later = await engine.AssessAsync(second, TestContext.Current.CancellationToken);

        // Nothing about the host is remembered between calls: a changed record is seen by the next assessment.
        Assert.Equal(SecurityLevel.Verified, later.Level);
        Assert.Equal(2, lab.Dns.QueryCountFor(mxHost, RecordType.A));
        Assert.Equal(2, lab.Dns.QueryCountFor($"_25._tcp.{mxHost}", RecordType.Tlsa));
    }
}
