using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TlsPreflight.Probing.Tests.Dane;

/// <summary>A CA and leaf certificates generated at test time for TLSA matching.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates()
    {
        var request = new CertificateRequest("CN=Test Root CA", _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(5));
    }

    public X509Certificate2 Ca { get; }

    /// <summary>A leaf issued by <see cref="Ca"/> for the given DNS names.</summary>
    public X509Certificate2 IssueLeaf(string dnsName, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(Ca, until.AddDays(-60), until, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>An intermediate CA issued by <see cref="Ca"/>, and a leaf it issues: root → intermediate → leaf.</summary>
    public (X509Certificate2 Intermediate, X509Certificate2 Leaf) IssueViaIntermediate(string dnsName)
    {
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Test Intermediate CA", intermediateKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        using var issued = request.Create(Ca, DateTimeOffset.UtcNow.AddDays(-200), DateTimeOffset.UtcNow.AddYears(2), RandomNumberGenerator.GetBytes(8));
        var intermediate = issued.CopyWithPrivateKey(intermediateKey);

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest($"CN={dnsName}", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(intermediate, true, false));
        var leaf = leafRequest.Create(intermediate, DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(8));
        return (intermediate, leaf);
    }

    /// <summary>A self-signed certificate, as many MX hosts with DANE-EE use.</summary>
    public static X509Certificate2 SelfSigned(string dnsName, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(notAfter.AddDays(-60), notAfter);
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
    }
}
