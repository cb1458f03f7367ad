using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TlsPreflight.TestLab.Certificates;

/// <summary>A root CA and an intermediate made at run time; the intermediate issues server certificates for lab
/// hosts, and servers send it after the leaf (<see cref="Chain"/>), as real servers do. Nothing is written to the
/// machine's trust store: the engine trusts the root only through <see cref="WritePemFile"/> (ExtraTrustedCaFile).</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    /// <summary>id-kp-serverAuth (RFC 5280 §4.2.1.12), the extended key usage of the leaf certificates.</summary>
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    private readonly ECDsa rootKey;
    private readonly ECDsa issuerKey;

    public X509Certificate2 Root { get; }

    /// <summary>The intermediate CA that signs the leaf certificates.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>What a server sends after its leaf: the intermediate (TLS servers leave out the root).</summary>
    public IReadOnlyList<X509Certificate2> Chain => [Intermediate];

    public TestCertificateAuthority(string name = "TLS Preflight Test Root")
    {
        rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=TLS Preflight Lab", rootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Root = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));

        issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issuer = new CertificateRequest($"CN={name} Issuing CA, O=TLS Preflight Lab", issuerKey, HashAlgorithmName.SHA256);
        issuer.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        issuer.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        issuer.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(issuer.PublicKey, false));
        issuer.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        using var issuerWithoutKey = issuer.Create(Root.SubjectName, X509SignatureGenerator.CreateForECDsa(rootKey),
            now.AddDays(-1), now.AddYears(1), RandomNumberGenerator.GetBytes(12).Select((b, i) => i == 0 ? (byte)(b & 0x7f) : b).ToArray());
        Intermediate = issuerWithoutKey.CopyWithPrivateKey(issuerKey);
    }

    /// <summary>A certificate valid now for the given DNS names (SAN), signed by this CA.</summary>
    public X509Certificate2 Issue(params string[] dnsNames)
        => Issue(dnsNames, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));

    /// <summary>A certificate for the names whose validity ended yesterday.</summary>
    public X509Certificate2 IssueExpired(params string[] dnsNames)
        => Issue(dnsNames, DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(-1));

    public X509Certificate2 Issue(IReadOnlyList<string> dnsNames, DateTimeOffset notBefore, DateTimeOffset notAfter)
        => Issue(dnsNames, notBefore, notAfter, ServerAuthentication);

    /// <summary>A certificate valid now for the names whose extended key usage is only <paramref name="usageOid"/>
    /// (e.g. client authentication, 1.3.6.1.5.5.7.3.2), not server authentication.</summary>
    public X509Certificate2 IssueForUsage(string usageOid, params string[] dnsNames)
        => Issue(dnsNames, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90), usageOid);

    private X509Certificate2 Issue(IReadOnlyList<string> dnsNames, DateTimeOffset notBefore, DateTimeOffset notAfter, string usageOid)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(dnsNames, key, usageOid);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var withoutKey = request.Create(Intermediate.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter, serial);
        return withoutKey.CopyWithPrivateKey(key);
    }

    /// <summary>A certificate for the names, signed by the intermediate, whose AIA (caIssuers and OCSP) and CRL
    /// distribution point URLs all lead under <paramref name="baseUrl"/>: what a hostile server puts in a certificate
    /// to make a verifier fetch from a host of its choosing. Serve it without <see cref="Chain"/> so the issuer is missing.</summary>
    public X509Certificate2 IssueNamingUrls(string baseUrl, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest(dnsNames, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, true, false));
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([$"{baseUrl}/ocsp"], [$"{baseUrl}/issuer.cer"]));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([$"{baseUrl}/issuer.crl"]));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        var now = DateTimeOffset.UtcNow;
        using var withoutKey = request.Create(Intermediate.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), now.AddDays(-1), now.AddDays(90), serial);
        return withoutKey.CopyWithPrivateKey(key);
    }

    /// <summary>A self-signed certificate for the names, not issued by any CA.</summary>
    public static X509Certificate2 SelfSigned(params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        return LeafRequest(dnsNames, key).CreateSelfSigned(now.AddDays(-1), now.AddDays(90));
    }

    /// <summary>The root as PEM, as the engine's ExtraTrustedCaFile expects.</summary>
    public string ExportPem() => Root.ExportCertificatePem() + "\n";

    /// <summary>Write the root as a PEM file and return its path.</summary>
    public string WritePemFile(string? path = null)
    {
        path ??= Path.Combine(Path.GetTempPath(), $"tlspreflight-lab-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, ExportPem());
        return path;
    }

    private static CertificateRequest LeafRequest(IReadOnlyList<string> dnsNames, ECDsa key, string usageOid = ServerAuthentication)
    {
        var request = new CertificateRequest($"CN={dnsNames.FirstOrDefault() ?? "lab"}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
            san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    public void Dispose()
    {
        Intermediate.Dispose();
        issuerKey.Dispose();
        Root.Dispose();
        rootKey.Dispose();
    }
}
