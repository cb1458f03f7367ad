using TlsPreflight.Probing.Model;
using TlsPreflight.TestLab.Certificates;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>The trust judgement of a presented chain, over a real STARTTLS handshake: a chain counts as trusted when
/// it builds to a system root or to ExtraTrustedCaFile; dates and key usage are not part of it, and an untrusted
/// chain says why in the chain builder's own words.</summary>
public sealed class CertificateTrustTests(LabFixture lab)
{
    private const string IssuerUnknown = "unable to get local issuer certificate";
    private const string SelfSignedLeaf = "self-signed certificate";
    private const string ExpiredText = "certificate has expired";

    [Fact]
    public async Task A_certificate_from_the_extra_ca_is_trusted_without_an_error()
    {
        var (domain, _, _) = lab.VerifiedDomain("extraca");
        await using var engine = new LabEngine(lab);

        var certificate = (await engine.AssessAsync(domain, TestContext.Current.CancellationToken)).OnlyProbe().Tls!.Certificate;

        Assert.True(certificate.Trusted, certificate.TrustError);
        Assert.Null(certificate.TrustError);
    }

    [Fact]
    public async Task A_certificate_from_an_unknown_ca_with_its_intermediate_is_not_trusted_because_its_issuer_is_unknown()
    {
        using var stranger = new TestCertificateAuthority("Stranger Root");
        var domain = LabFixture.NewDomain("strangerca");
        var mxHost = $"mx.{domain}";
        await using var server = LabSmtpServer.Start(SmtpBehaviour.StartTls, lab.SmtpPort, mxHost, stranger.Issue(mxHost), stranger.Chain);
        lab.PublishMx(domain, server);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        result.HasFinding(FindingCodes.CertificateNotTrusted);
        var tls = result.OnlyProbe().Tls!;
        Assert.False(tls.Certificate.Trusted);
        Assert.Equal(IssuerUnknown, tls.Certificate.TrustError);
        Assert.Equal(2, tls.ChainDer.Count); // the chain as sent: leaf and the stranger's intermediate
    }

    [Fact]
    public async Task A_self_signed_certificate_is_not_trusted_in_the_chain_builders_words()
    {
        var domain = LabFixture.NewDomain("selfsignedtext");
        var mxHost = $"mx.{domain}";
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.StartTls, mxHost, TestCertificateAuthority.SelfSigned(mxHost), withChain: false));
        await using var engine = new LabEngine(lab);

        var certificate = (await engine.AssessAsync(domain, TestContext.Current.CancellationToken)).OnlyProbe().Tls!.Certificate;

        Assert.False(certificate.Trusted);
        Assert.Equal(SelfSignedLeaf, certificate.TrustError);
    }

    [Fact]
    public async Task An_expired_certificate_from_an_unknown_ca_is_not_trusted_and_its_error_names_both_problems()
    {
        using var stranger = new TestCertificateAuthority("Stranger Root");
        var domain = LabFixture.NewDomain("strangerexpired");
        var mxHost = $"mx.{domain}";
        await using var server = LabSmtpServer.Start(SmtpBehaviour.StartTls, lab.SmtpPort, mxHost, stranger.IssueExpired(mxHost), stranger.Chain);
        lab.PublishMx(domain, server);
        await using var engine = new LabEngine(lab);

        var certificate = (await engine.AssessAsync(domain, TestContext.Current.CancellationToken)).OnlyProbe().Tls!.Certificate;

        Assert.False(certificate.Trusted);
        Assert.True(certificate.Expired);
        Assert.Equal($"{ExpiredText}; {IssuerUnknown}", certificate.TrustError);
    }

    [Fact]
    public async Task Without_the_extra_ca_file_a_lab_certificate_is_not_trusted_because_its_issuer_is_unknown()
    {
        var (domain, _, _) = lab.VerifiedDomain("nocatext");
        await using var engine = new LabEngine(lab, o => o.ExtraTrustedCaFile = null);

        var certificate = (await engine.AssessAsync(domain, TestContext.Current.CancellationToken)).OnlyProbe().Tls!.Certificate;

        Assert.False(certificate.Trusted);
        Assert.Equal(IssuerUnknown, certificate.TrustError);
    }

    [Fact]
    public async Task A_certificate_from_the_extra_ca_for_client_authentication_only_is_still_trusted()
    {
        // Key usage is not part of the trust judgement (the handshake's own chain asks for server authentication).
        var domain = LabFixture.NewDomain("clientauth");
        var mxHost = $"mx.{domain}";
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.StartTls, mxHost, lab.Authority.IssueForUsage("1.3.6.1.5.5.7.3.2", mxHost)));
        await using var engine = new LabEngine(lab);

        var certificate = (await engine.AssessAsync(domain, TestContext.Current.CancellationToken)).OnlyProbe().Tls!.Certificate;

        Assert.True(certificate.Trusted, certificate.TrustError);
        Assert.Null(certificate.TrustError);
    }

    [Fact]
    public async Task An_expired_certificate_from_the_extra_ca_is_trusted_and_judged_expired_on_its_own()
    {
        var domain = LabFixture.NewDomain("expiredtext");
        var mxHost = $"mx.{domain}";
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.StartTls, mxHost, lab.Authority.IssueExpired(mxHost)));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        result.HasFinding(FindingCodes.CertificateExpired);
        result.LacksFinding(FindingCodes.CertificateNotTrusted);
        var certificate = result.OnlyProbe().Tls!.Certificate;
        Assert.True(certificate.Expired);
        Assert.True(certificate.Trusted, certificate.TrustError);
        Assert.Null(certificate.TrustError);
    }
}
