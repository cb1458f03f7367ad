using System.Net;

namespace TlsPreflight.Probing.Safety;

/// <summary>Decides whether an address found in someone else's DNS may be dialled (SSRF guard).</summary>
public static class AddressGuard
{
    /// <summary>False for loopback, RFC 1918, link-local (incl. 169.254.169.254), CGNAT 100.64/10, 0/8, TEST-NETs,
    /// 198.18/15, multicast, 240/4, broadcast, unspecified, IPv6 ULA fc00::/7, fe80::/10, ::1, ::, 2001:db8::/32,
    /// 64:ff9b::/96 and IPv4-mapped/compatible forms of the above (judged on the embedded IPv4).</summary>
    public static bool IsPublic(IPAddress address)
        => throw new NotImplementedException("rules helper");

    /// <summary>A short reason for a non-public address ("loopback", "private (RFC 1918)", ...); null if public.</summary>
    public static string? WhyNotPublic(IPAddress address)
        => throw new NotImplementedException("rules helper");
}
