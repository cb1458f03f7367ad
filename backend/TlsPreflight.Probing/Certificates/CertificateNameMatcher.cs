using System.Security.Cryptography.X509Certificates;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Probing.Certificates;

/// <summary>Server identity check (RFC 6125 §6.4, as profiled by RFC 7672 §3.2.3 and RFC 8461 §4.2).</summary>
public static class CertificateNameMatcher
{
    private const string CommonNameOid = "2.5.4.3";

    /// <summary>True when one of the SAN dNSNames matches the host. A wildcard is allowed only as the whole
    /// left-most label (`*.example.com`), matches exactly one label, and never a public suffix-like
    /// two-label name (`*.com`). The CN is not consulted when any dNSName is present.</summary>
    public static bool Matches(IEnumerable<string> dnsNames, string? commonName, string host)
    {
        var target = HostName.Normalize(host);
        if (target is null || target.Contains('*'))
        {
            return false;
        }

        var names = dnsNames.ToList();
        // RFC 6125 §6.4.4: the CN is a fallback only when there is no DNS-ID at all.
        var presented = names.Count > 0 ? names : commonName is null ? [] : [commonName];
        return presented.Any(name => MatchesOne(name, host));
    }

    /// <summary>As <see cref="Matches(IEnumerable{string}, string?, string)"/>, reading the SAN dNSNames and the
    /// subject CN from the certificate.</summary>
    public static bool Matches(X509Certificate2 certificate, string host)
        => Matches(DnsNames(certificate), CommonName(certificate), host);

    /// <summary>The SAN dNSName entries of the certificate (RFC 5280 §4.2.1.6).</summary>
    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate)
        => [.. certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(san => san.EnumerateDnsNames())];

    /// <summary>The last CN attribute of the subject, if any.</summary>
    public static string? CommonName(X509Certificate2 certificate)
        => certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == CommonNameOid)
            .Select(rdn => rdn.GetSingleElementValue())
            .LastOrDefault();

    private static bool MatchesOne(string presentedName, string host)
    {
        // RFC 6125 §6.4.3: '*' is the whole left-most label and stands for exactly one label; `*.com` and friends
        // (a wildcard over fewer than two labels) never match.
        return !(presentedName.StartsWith("*.", StringComparison.Ordinal) && !presentedName[2..].TrimEnd('.').Contains('.'))
            && WildcardName.Matches(presentedName, host);
    }
}
