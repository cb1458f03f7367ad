using TlsPreflight.Probing.Model;
using TlsPreflight.TestLab.Https;
using TlsPreflight.TestLab.Network;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>A certificate names URLs (AIA caIssuers, OCSP, CRL distribution point) that a chain builder with the
/// runtime's defaults would fetch: a way past AddressGuard to any host and port. The prober fetches none of them.</summary>
public sealed class CertificateDownloadTests(LabFixture lab)
{
    [Fact]
    public async Task An_mx_that_leaves_out_its_issuer_is_encrypted_and_the_urls_in_its_certificate_are_never_dialled()
    {
        await using var trap = CountingListener.Start();
        var domain = LabFixture.NewDomain("aia");
        var mxHost = $"mx.{domain}";
        var server = lab.Smtp(SmtpBehaviour.StartTls, mxHost, lab.Authority.IssueNamingUrls(trap.BaseUrl, mxHost), withChain: false);
        lab.PublishMx(domain, server);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Encrypted, result.Level);
        result.HasFinding(FindingCodes.CertificateNotTrusted);
        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal(0, trap.ConnectionCount);
    }

    [Fact]
    public async Task A_policy_host_that_leaves_out_its_issuer_is_not_trusted_and_the_urls_in_its_certificate_are_never_dialled()
    {
        await using var trap = CountingListener.Start();
        var (domain, mxHost, _) = lab.VerifiedDomain("aiasts");
        var policyHost = $"mta-sts.{domain}";
        lab.Zone.Txt($"_mta-sts.{domain}", "v=STSv1; id=1;").A(policyHost, lab.Https.Address);
        lab.Https.Route(policyHost, lab.Authority.IssueNamingUrls(trap.BaseUrl, policyHost), LabHttpResponse.Policy("enforce", 86400, mxHost), chain: null);
        var connectionsBefore = lab.Https.ConnectionCount;
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.WebpkiInvalid, result.MtaSts.Status);
        Assert.Contains("untrusted chain", result.MtaSts.Error);
        Assert.Equal(SecurityLevel.Verified, result.Level);
        Assert.True(lab.Https.ConnectionCount > connectionsBefore, "the policy host was not contacted at all");
        Assert.Equal(0, trap.ConnectionCount);
    }
}
