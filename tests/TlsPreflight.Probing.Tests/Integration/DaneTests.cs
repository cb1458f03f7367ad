using TlsPreflight.Probing.Model;
using TlsPreflight.TestLab.Certificates;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>DANE for SMTP (RFC 7672): TLSA at `_25._tcp.{mx}` matched against the chain the server presented,
/// with the DNSSEC status taken from the lab resolver's AD bit.</summary>
public sealed class DaneTests(LabFixture lab)
{
    private (string Domain, string MxHost) DaneDomain(string label, bool secure, Func<string, byte[]> tlsaData)
    {
        var domain = LabFixture.NewDomain(label);
        var mxHost = $"mx.{domain}";
        var certificate = TestCertificateAuthority.SelfSigned(mxHost);
        var server = lab.Smtp(SmtpBehaviour.StartTls, mxHost, certificate);
        lab.PublishMx(domain, server);
        var tlsaName = $"_25._tcp.{mxHost}";
        lab.Zone.Tlsa(tlsaName, 3, 1, 1, tlsaData(mxHost) is { Length: > 0 } data ? data : LabFixture.SpkiSha256(certificate));
        if (secure)
            lab.Zone.Secure(domain).Secure(mxHost).Secure(tlsaName);
        return (domain, mxHost);
    }

    [Fact]
    public async Task A_secure_tlsa_3_1_1_that_matches_a_self_signed_certificate_is_enforced()
    {
        var (domain, _) = DaneDomain("dane", secure: true, _ => []);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Enforced, result.Level);
        result.HasFinding(FindingCodes.DaneValid);
        Assert.Equal(DaneStatus.Valid, result.Dane.Status);
        var tlsa = Assert.Single(result.MxHosts).Dane;
        Assert.Equal(DnssecStatus.Secure, tlsa.DnssecStatus);
        Assert.Equal(TlsaOutcome.Match, tlsa.Outcome);
    }

    [Fact]
    public async Task A_secure_dane_ta_record_for_the_issuing_ca_in_the_presented_chain_is_enforced()
    {
        var domain = LabFixture.NewDomain("daneta");
        var mxHost = $"mx.{domain}";
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.StartTls, mxHost, lab.Authority.Issue(mxHost)));
        var tlsaName = $"_25._tcp.{mxHost}";
        lab.Zone.Tlsa(tlsaName, 2, 0, 1, System.Security.Cryptography.SHA256.HashData(lab.Authority.Intermediate.RawData))
            .Secure(domain).Secure(mxHost).Secure(tlsaName);
        await using var engine = new LabEngine(lab, o => o.ExtraTrustedCaFile = null); // DANE-TA needs no WebPKI root

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Enforced, result.Level);
        Assert.Equal(TlsaOutcome.Match, Assert.Single(result.MxHosts).Dane.Outcome);
    }

    [Fact]
    public async Task A_secure_tlsa_that_does_not_match_is_a_mismatch_and_not_enforced()
    {
        var (domain, _) = DaneDomain("danebad", secure: true, _ => new byte[32]);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.NotEqual(SecurityLevel.Enforced, result.Level);
        result.HasFinding(FindingCodes.TlsaMismatch);
        Assert.Equal(TlsaOutcome.Mismatch, Assert.Single(result.MxHosts).Dane.Outcome);
    }

    [Fact]
    public async Task A_matching_tlsa_without_dnssec_is_insecure_and_ignored()
    {
        var (domain, _) = DaneDomain("daneinsecure", secure: false, _ => []);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Encrypted, result.Level); // self-signed, and DANE does not count without DNSSEC
        Assert.Equal(DnssecStatus.Insecure, Assert.Single(result.MxHosts).Dane.DnssecStatus);
        Assert.Equal(DaneStatus.Insecure, result.Dane.Status);
    }

    [Fact]
    public async Task The_ad_bit_is_ignored_unless_the_resolver_is_trusted_to_validate()
    {
        var (domain, _) = DaneDomain("daneuntrusted", secure: true, _ => []);
        await using var engine = new LabEngine(lab, o => o.TrustResolverDnssec = false);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.NotEqual(SecurityLevel.Enforced, result.Level);
        Assert.Equal(DnssecStatus.Insecure, Assert.Single(result.MxHosts).Dane.DnssecStatus);
    }

    [Fact]
    public async Task A_tlsa_lookup_that_fails_dnssec_validation_at_a_validating_resolver_is_bogus()
    {
        var domain = LabFixture.NewDomain("danebogus");
        var mxHost = $"mx.{domain}";
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.StartTls, mxHost, lab.Authority.Issue(mxHost)));
        lab.Zone.Tlsa($"_25._tcp.{mxHost}", 3, 1, 1, new byte[32]).ValidationFailure($"_25._tcp.{mxHost}");
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(DnssecStatus.Bogus, Assert.Single(result.MxHosts).Dane.DnssecStatus);
        result.HasFinding(FindingCodes.DnssecInvalid);
        Assert.Equal(DaneStatus.Bogus, result.Dane.Status);
    }

    [Fact]
    public async Task A_plain_servfail_on_the_tlsa_lookup_is_a_dns_failure_not_a_dnssec_failure()
    {
        var domain = LabFixture.NewDomain("danebroken");
        var mxHost = $"mx.{domain}";
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.StartTls, mxHost, lab.Authority.Issue(mxHost)));
        lab.Zone.ServerFailure($"_25._tcp.{mxHost}");
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(DnssecStatus.Indeterminate, Assert.Single(result.MxHosts).Dane.DnssecStatus);
        result.LacksFinding(FindingCodes.DnssecInvalid);
        Assert.Contains("TLSA", Assert.Single(result.Findings, f => f.Code == FindingCodes.DnsFailure).Detail);
    }
}
