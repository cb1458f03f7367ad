using System.Net;
using TlsPreflight.Api.Tests.Integration;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The export page with the real engine against the loopback lab: real DNS (DNSSEC flags included), real
/// STARTTLS servers presenting the certificates -TlsDomain is taken from.</summary>
public sealed class ExportLabTests(EngineLabFactory site) : IClassFixture<EngineLabFactory>
{
    /// <summary>A partner whose MX hosts belong to a mail provider, with the provider's certificate; and a partner with
    /// one MX at that provider and one of its own.</summary>
    private void AddProviderPartners()
    {
        var lab = site.Lab;
        foreach (var host in new[] { "p1.mail.provider.lab.test", "p2.mail.provider.lab.test" })
        {
            var server = lab.Smtp(TestLab.Smtp.SmtpBehaviour.StartTls, host, lab.Authority.Issue("mail.provider.lab.test", "*.mail.provider.lab.test"));
            lab.Zone.A(host, server.Address);
        }

        lab.Zone.Mx("hosted.lab.test", 10, "p1.mail.provider.lab.test").Mx("hosted.lab.test", 20, "p2.mail.provider.lab.test")
            .Mx("split.lab.test", 10, "p1.mail.provider.lab.test").Mx("split.lab.test", 20, "mx.verified.lab.test");
    }

    [Fact]
    public async Task The_script_names_the_certificates_the_lab_servers_presented()
    {
        AddProviderPartners();
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await AdminSession.SignInAsync(site, tenant);
        var form = await admin.GetAsync("/admin/policy");
        using var _ = await admin.PostFormAsync("/admin/policy", form.AntiforgeryToken, PolicyFormFields.Build(0,
            [("hosted.lab.test", "Verified", "Block"), ("split.lab.test", "Verified", "Block"), ("dane.lab.test", "Enforced", "Block"), ("sts.lab.test", "Enforced", "Block")]));

        var page = await admin.GetAsync("/admin/export");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // Provider-hosted: the provider's name, which both certificates carry; never *.hosted.lab.test.
        Assert.True(page.Shows("-RecipientDomains 'hosted.lab.test' -TlsSettings 'DomainValidation' -TlsDomain 'mail.provider.lab.test'"), page.Html);
        Assert.True(page.Shows("# MX p2.mail.provider.lab.test: certificate names mail.provider.lab.test, *.mail.provider.lab.test"));
        Assert.False(page.Shows("*.hosted.lab.test"));
        // Mixed providers: no one name, so a certificate check without a name, and the reason.
        Assert.True(page.Shows("-RecipientDomains 'split.lab.test' -TlsSettings 'CertificateValidation' -UseMXRecord"));
        Assert.True(page.Shows("no one name is carried by every MX certificate"));
        // DNSSEC-secure TLSA on every MX: DANE mandatory; its DANE-EE certificate is self-signed, so no certificate check.
        Assert.True(page.Shows("-RecipientDomains 'dane.lab.test' -TlsSettings 'EncryptionOnly' -UseMXRecord"));
        Assert.True(page.Shows("Set-OutboundConnector -Identity 'TLS Preflight enforced dane.lab.test' -SmtpDaneMode 'Mandatory' -MtaStsMode 'Opportunistic'"));
        Assert.True(page.Shows("MX lookup DNSSEC-authenticated; DNSSEC-secure TLSA matched on every MX"));
        // MTA-STS without DANE: the MX's own name, DANE opportunistic.
        Assert.True(page.Shows("-RecipientDomains 'sts.lab.test' -TlsSettings 'DomainValidation' -TlsDomain 'mx.sts.lab.test'"));
        Assert.True(page.Shows("Set-OutboundConnector -Identity 'TLS Preflight enforced sts.lab.test' -SmtpDaneMode 'Opportunistic' -MtaStsMode 'Opportunistic'"));
    }
}
