namespace TlsPreflight.Probing.Certificates;

/// <summary>Server identity check (RFC 6125 §6.4, as profiled by RFC 7672 §3.2.3 and RFC 8461 §4.2).</summary>
public static class CertificateNameMatcher
{
    /// <summary>True when one of the SAN dNSNames matches the host. A wildcard is allowed only as the whole
    /// left-most label (`*.example.com`), matches exactly one label, and never a public suffix-like
    /// two-label name (`*.com`). The CN is not consulted when any dNSName is present.</summary>
    public static bool Matches(IEnumerable<string> dnsNames, string? commonName, string host)
        => throw new NotImplementedException("rules helper");
}
