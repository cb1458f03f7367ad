using TlsPreflight.Probing.Model;
using TlsPreflight.TestLab.Certificates;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>Real SMTP servers with STARTTLS on loopback, certificates from the run-time test CA.</summary>
public sealed class StartTlsLevelTests(LabFixture lab)
{
    [Fact]
    public async Task A_server_without_starttls_is_plaintext()
    {
        var domain = LabFixture.NewDomain("plain");
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.Plaintext, $"mx.{domain}"));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Plaintext, result.Level);
        result.HasFinding(FindingCodes.StartTlsNotSupported);
        var probe = result.OnlyProbe();
        Assert.Equal(ProbeOutcome.Completed, probe.Outcome);
        Assert.False(probe.StartTlsOffered);
        Assert.Null(probe.Tls);
        Assert.Contains("ESMTP", probe.Banner);
    }

    [Fact]
    public async Task A_trusted_certificate_for_the_mx_name_is_verified_with_the_session_recorded()
    {
        var (domain, mxHost, _) = lab.VerifiedDomain("valid");
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Verified, result.Level);
        var tls = Assert.IsType<TlsSessionReport>(result.OnlyProbe().Tls);
        Assert.Equal("TLSv1.3", tls.Protocol);
        Assert.StartsWith("TLS_", tls.CipherSuite);
        Assert.True(tls.Certificate.Trusted, tls.Certificate.TrustError);
        Assert.True(tls.Certificate.NameMatches);
        Assert.False(tls.Certificate.Expired);
        Assert.Contains(mxHost, tls.Certificate.DnsNames);
        Assert.Equal(2, tls.ChainDer.Count); // the leaf and the intermediate the server sends after it
        Assert.Equal(lab.Authority.Intermediate.Subject, tls.ChainSubjects[1]);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_encrypted_but_not_trusted()
    {
        var domain = LabFixture.NewDomain("selfsigned");
        var mxHost = $"mx.{domain}";
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.StartTls, mxHost, TestCertificateAuthority.SelfSigned(mxHost)));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Encrypted, result.Level);
        result.HasFinding(FindingCodes.CertificateNotTrusted);
        var certificate = result.OnlyProbe().Tls!.Certificate;
        Assert.False(certificate.Trusted);
        Assert.NotNull(certificate.TrustError);
        Assert.True(certificate.NameMatches);
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_encrypted_with_a_host_mismatch()
    {
        var domain = LabFixture.NewDomain("wrongname");
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.StartTls, $"mx.{domain}", lab.Authority.Issue("other.example.net")));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Encrypted, result.Level);
        result.HasFinding(FindingCodes.CertificateHostMismatch);
        result.LacksFinding(FindingCodes.CertificateNotTrusted);
        Assert.False(result.OnlyProbe().Tls!.Certificate.NameMatches);
    }

    [Fact]
    public async Task An_expired_certificate_is_encrypted_with_an_expiry_finding_but_still_trusted()
    {
        var domain = LabFixture.NewDomain("expired");
        var mxHost = $"mx.{domain}";
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.StartTls, mxHost, lab.Authority.IssueExpired(mxHost)));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Encrypted, result.Level);
        result.HasFinding(FindingCodes.CertificateExpired);
        var certificate = result.OnlyProbe().Tls!.Certificate;
        Assert.True(certificate.Expired);
        Assert.True(certificate.Trusted, "expiry is judged apart from the chain");
    }

    [Fact]
    public async Task Without_the_extra_ca_file_the_lab_certificate_is_not_trusted()
    {
        var (domain, _, _) = lab.VerifiedDomain("noca");
        await using var engine = new LabEngine(lab, o => o.ExtraTrustedCaFile = null);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Encrypted, result.Level);
        result.HasFinding(FindingCodes.CertificateNotTrusted);
    }

    [Fact]
    public async Task A_server_that_offers_starttls_and_then_refuses_it_is_plaintext()
    {
        var domain = LabFixture.NewDomain("tls454");
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.StartTlsRefused, $"mx.{domain}"));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Plaintext, result.Level);
        var probe = result.OnlyProbe();
        Assert.True(probe.StartTlsOffered);
        Assert.Equal(454, probe.LastReplyCode);
        Assert.Equal(ProbeStep.Starttls, probe.Step);
    }

    [Fact]
    public async Task A_server_that_only_knows_helo_is_greeted_with_helo_and_is_plaintext()
    {
        var domain = LabFixture.NewDomain("helo");
        var server = lab.Smtp(SmtpBehaviour.HeloOnly, $"mx.{domain}");
        lab.PublishMx(domain, server);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Plaintext, result.Level);
        Assert.Equal(ProbeOutcome.Completed, result.OnlyProbe().Outcome);
        Assert.Equal(["EHLO probe.tlspreflight.test", "HELO probe.tlspreflight.test", "QUIT"], server.Commands);
    }

    [Fact]
    public async Task A_server_limited_to_tls_1_2_is_recorded_as_such_and_still_verified()
    {
        var domain = LabFixture.NewDomain("tls12");
        var mxHost = $"mx.{domain}";
        var server = TestLab.Smtp.LabSmtpServer.Start(SmtpBehaviour.StartTls, lab.SmtpPort, mxHost, lab.Authority.Issue(mxHost),
            lab.Authority.Chain, System.Security.Authentication.SslProtocols.Tls12);
        await using var _ = server;
        lab.PublishMx(domain, server);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Verified, result.Level);
        Assert.Equal("TLSv1.2", result.OnlyProbe().Tls!.Protocol);
    }
}
