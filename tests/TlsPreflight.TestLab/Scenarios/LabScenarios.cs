using System.Security.Cryptography;
using TlsPreflight.TestLab.Certificates;
using TlsPreflight.TestLab.Https;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.TestLab.Scenarios;

/// <summary>A fixed set of domains under `.lab.test`, each backed by real servers, with the level the engine
/// should report for it (AllowPrivateNetworks and TrustResolverDnssec on, the lab CA trusted). Used by `serve`,
/// the browser tests, the API's dev demo and the benchmarks.</summary>
public sealed class LabScenarios : LoopbackLab
{
    /// <summary>Domain → expected level (kebab-case, as the JSON writes it).</summary>
    public IReadOnlyDictionary<string, string> ExpectedLevels { get; }

    private LabScenarios(int smtpPort)
        : base(smtpPort)
    {
        var expected = new Dictionary<string, string>();
        var zone = Dns.Zone;

        // plaintext: the MX offers no STARTTLS.
        var plain = Smtp(SmtpBehaviour.Plaintext, "mx.plaintext.lab.test", null);
        zone.Mx("plaintext.lab.test", 10, "mx.plaintext.lab.test").A("mx.plaintext.lab.test", plain.Address);
        expected["plaintext.lab.test"] = "plaintext";

        // encrypted: STARTTLS with a self-signed certificate.
        var selfSigned = Smtp(SmtpBehaviour.StartTls, "mx.encrypted.lab.test", TestCertificateAuthority.SelfSigned("mx.encrypted.lab.test"), withChain: false);
        zone.Mx("encrypted.lab.test", 10, "mx.encrypted.lab.test").A("mx.encrypted.lab.test", selfSigned.Address);
        expected["encrypted.lab.test"] = "encrypted";

        // verified: a trusted certificate for the MX name.
        var verified = Smtp(SmtpBehaviour.StartTls, "mx.verified.lab.test", Authority.Issue("mx.verified.lab.test"));
        zone.Mx("verified.lab.test", 10, "mx.verified.lab.test").A("mx.verified.lab.test", verified.Address);
        expected["verified.lab.test"] = "verified";

        // sts: MTA-STS enforce, policy served by the lab HTTPS server (RFC 8461).
        var sts = Smtp(SmtpBehaviour.StartTls, "mx.sts.lab.test", Authority.Issue("mx.sts.lab.test"));
        zone.Mx("sts.lab.test", 10, "mx.sts.lab.test").A("mx.sts.lab.test", sts.Address)
            .Txt("_mta-sts.sts.lab.test", "v=STSv1; id=20261128T000000;")
            .Txt("_smtp._tls.sts.lab.test", "v=TLSRPTv1; rua=mailto:tlsrpt@sts.lab.test")
            .A("mta-sts.sts.lab.test", Https.Address);
        Https.Route("mta-sts.sts.lab.test", Authority.Issue("mta-sts.sts.lab.test"), LabHttpResponse.Policy("enforce", 86400, "mx.sts.lab.test"), Authority.Chain);
        expected["sts.lab.test"] = "enforced";

        // dane: DNSSEC-secure TLSA 3 1 1 matching a self-signed certificate (DANE-EE needs no CA, RFC 7672 §3.1.1).
        var daneCertificate = TestCertificateAuthority.SelfSigned("mx.dane.lab.test");
        var dane = Smtp(SmtpBehaviour.StartTls, "mx.dane.lab.test", daneCertificate, withChain: false);
        var spkiSha256 = SHA256.HashData(daneCertificate.PublicKey.ExportSubjectPublicKeyInfo());
        zone.Mx("dane.lab.test", 10, "mx.dane.lab.test").A("mx.dane.lab.test", dane.Address)
            .Tlsa("_25._tcp.mx.dane.lab.test", 3, 1, 1, spkiSha256)
            .Secure("dane.lab.test").Secure("mx.dane.lab.test").Secure("_25._tcp.mx.dane.lab.test");
        expected["dane.lab.test"] = "enforced";

        // nullmx: `MX 0 .` (RFC 7505).
        zone.NullMx("nullmx.lab.test");
        expected["nullmx.lab.test"] = "no-mail";

        // mixed: a verified primary and a plaintext backup; the weakest usable MX decides.
        var backup = Smtp(SmtpBehaviour.Plaintext, "mx2.mixed.lab.test", null);
        var primary = Smtp(SmtpBehaviour.StartTls, "mx1.mixed.lab.test", Authority.Issue("mx1.mixed.lab.test"));
        zone.Mx("mixed.lab.test", 10, "mx1.mixed.lab.test").Mx("mixed.lab.test", 20, "mx2.mixed.lab.test")
            .A("mx1.mixed.lab.test", primary.Address).A("mx2.mixed.lab.test", backup.Address);
        expected["mixed.lab.test"] = "plaintext";

        // dnsfail: the resolver answers SERVFAIL.
        zone.ServerFailure("dnsfail.lab.test");
        expected["dnsfail.lab.test"] = "unknown";

        ExpectedLevels = expected;
    }

    /// <summary>Start every server. <paramref name="smtpPort"/> 0 picks a free port.</summary>
    public static LabScenarios Start(int smtpPort = 0) => new(smtpPort);
}
