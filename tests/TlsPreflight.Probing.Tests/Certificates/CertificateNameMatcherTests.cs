using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TlsPreflight.Probing.Certificates;

namespace TlsPreflight.Probing.Tests.Certificates;

public sealed class CertificateNameMatcherTests
{
    [Theory]
    [InlineData("mx.example.com", "mx.example.com", true)]
    [InlineData("MX.Example.com", "mx.EXAMPLE.com.", true)]
    [InlineData("mx.example.com.", "mx.example.com", true)]
    [InlineData("*.example.com", "mx.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.com", "example.com", false)]
    [InlineData("*", "example", false)]
    [InlineData("mx*.example.com", "mx1.example.com", false)]
    [InlineData("*mx.example.com", "amx.example.com", false)]
    [InlineData("m*x.example.com", "mx.example.com", false)]
    [InlineData("*.*.example.com", "a.b.example.com", false)]
    [InlineData("mx.*.example.com", "mx.a.example.com", false)]
    [InlineData("mx.example.com", "mx.example.com.evil.net", false)]
    [InlineData("mx.example.com", "*.example.com", false)]
    [InlineData("xn--bcher-kva.example", "bücher.example", true)]
    [InlineData("bücher.example", "xn--bcher-kva.example", true)]
    [InlineData("*.xn--bcher-kva.example", "mx.bücher.example", true)]
    public void Matches_a_single_dns_name_follows_rfc_6125(string dnsName, string host, bool expected)
        => Assert.Equal(expected, CertificateNameMatcher.Matches([dnsName], null, host));

    [Fact]
    public void Matches_any_of_several_dns_names()
        => Assert.True(CertificateNameMatcher.Matches(["a.example.com", "mx.example.com"], null, "mx.example.com"));

    [Fact]
    public void Common_name_is_used_only_when_there_is_no_dns_name()
    {
        Assert.True(CertificateNameMatcher.Matches([], "mx.example.com", "mx.example.com"));
        Assert.False(CertificateNameMatcher.Matches(["other.example.com"], "mx.example.com", "mx.example.com"));
        Assert.False(CertificateNameMatcher.Matches([], null, "mx.example.com"));
    }

    [Fact]
    public void Matches_reads_san_dns_names_and_common_name_from_a_certificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=cn-only.example.com, O=Test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("*.mail.example.com");
        san.AddDnsName("mx.example.com");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.Equal(["*.mail.example.com", "mx.example.com"], CertificateNameMatcher.DnsNames(cert));
        Assert.Equal("cn-only.example.com", CertificateNameMatcher.CommonName(cert));
        Assert.True(CertificateNameMatcher.Matches(cert, "in1.mail.example.com"));
        Assert.True(CertificateNameMatcher.Matches(cert, "mx.example.com"));
        Assert.False(CertificateNameMatcher.Matches(cert, "cn-only.example.com"));
    }
}
