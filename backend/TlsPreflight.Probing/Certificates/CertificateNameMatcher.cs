using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace TlsPreflight.Probing.Certificates;

/// <summary>Server identity check (RFC 6125 §6.4, as profiled by RFC 7672 §3.2.3 and RFC 8461 §4.2).</summary>
public static class CertificateNameMatcher
{
    private const string CommonNameOid = "2.5.4.3";
    private static readonly IdnMapping Idn = new();

    /// <summary>True when one of the SAN dNSNames matches the host. A wildcard is allowed only as the whole
    /// left-most label (`*.example.com`), matches exactly one label, and never a public suffix-like
    /// two-label name (`*.com`). The CN is not consulted when any dNSName is present.</summary>
    public static bool Matches(IEnumerable<string> dnsNames, string? commonName, string host)
    {
        var target = ToALabels(host);
        if (target is null || target.Contains('*'))
        {
            return false;
        }

        var names = dnsNames.ToList();
        // RFC 6125 §6.4.4: the CN is a fallback only when there is no DNS-ID at all.
        var presented = names.Count > 0 ? names : commonName is null ? [] : [commonName];
        return presented.Any(name => MatchesOne(name, target));
    }

    /// <summary>As <see cref="Matches(IEnumerable{string}, string?, string)"/>, reading the SAN dNSNames and the
    /// subject CN from the certificate.</summary>
    public static bool Matches(X509Certificate2 certificate, string host)
        => Matches(DnsNames(certificate), CommonName(certificate), host);

    /// <summary>The SAN dNSName entries of the certificate (RFC 5280 §4.2.1.6).</summary>
    public static IReadOnlyList<string> DnsNames(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        return san is null ? [] : [.. san.EnumerateDnsNames()];
    }

    /// <summary>The last CN attribute of the subject, if any.</summary>
    public static string? CommonName(X509Certificate2 certificate)
        => certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == CommonNameOid)
            .Select(rdn => rdn.GetSingleElementValue())
            .LastOrDefault();

    private static bool MatchesOne(string presentedName, string host)
    {
        if (!presentedName.StartsWith("*.", StringComparison.Ordinal))
        {
            var exact = ToALabels(presentedName);
            return exact is not null && !exact.Contains('*') && exact == host;
        }

        // RFC 6125 §6.4.3: '*' is the whole left-most label and stands for exactly one label.
        var baseName = ToALabels(presentedName[2..]);
        if (baseName is null || baseName.Contains('*') || baseName.Split('.').Length < 2)
        {
            return false; // `*.com` and friends never match
        }

        var dot = host.IndexOf('.');
        return dot > 0 && host[(dot + 1)..] == baseName;
    }

    /// <summary>Lower-case A-label form without a trailing dot, or null when the name is not convertible.</summary>
    private static string? ToALabels(string? name)
    {
        var s = (name ?? "").Trim();
        if (s.EndsWith('.'))
        {
            s = s[..^1];
        }

        if (s.Length == 0)
        {
            return null;
        }

        if (s.All(char.IsAscii))
        {
            return s.ToLowerInvariant();
        }

        try
        {
            return Idn.GetAscii(s).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
