using System.Net;
using System.Net.Sockets;

namespace TlsPreflight.Probing.Safety;

/// <summary>Decides whether an address found in someone else's DNS may be dialled (SSRF guard).</summary>
public static class AddressGuard
{
    private static readonly (IPNetwork Network, string Reason)[] V4Blocked =
    [
        // Cloud metadata and platform service addresses first, so the reason names them; several sit in public space.
        (IPNetwork.Parse("168.63.129.16/32"), "Azure platform service (WireServer, DNS, health probes)"),
        (IPNetwork.Parse("169.254.169.254/32"), "cloud instance metadata (AWS, Azure, Google Cloud, Oracle Cloud, others; link-local)"),
        (IPNetwork.Parse("169.254.170.2/32"), "AWS ECS task metadata and credentials (link-local)"),
        (IPNetwork.Parse("169.254.170.23/32"), "AWS EKS Pod Identity credentials (link-local)"),
        (IPNetwork.Parse("100.100.100.200/32"), "Alibaba Cloud instance metadata"),
        (IPNetwork.Parse("192.0.0.192/32"), "Oracle Cloud legacy instance metadata"),
        (IPNetwork.Parse("161.26.0.0/16"), "IBM Cloud service network (DNS, NTP, metadata)"),
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\" (RFC 791), not routable"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared address space / CGNAT (RFC 6598)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (RFC 3927), includes cloud metadata"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (RFC 6890)"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation TEST-NET-1 (RFC 5737)"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast (RFC 7526)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (RFC 1918)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (RFC 2544)"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation TEST-NET-2 (RFC 5737)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation TEST-NET-3 (RFC 5737)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (RFC 1112) or broadcast"),
    ];

    private static readonly (IPNetwork Network, string Reason)[] V6Blocked =
    [
        (IPNetwork.Parse("fd00:ec2::254/128"), "AWS instance metadata over IPv6"),
        (IPNetwork.Parse("fd00:ec2::253/128"), "AWS VPC DNS over IPv6"),
        (IPNetwork.Parse("fd00:ec2::23/128"), "AWS EKS Pod Identity credentials over IPv6"),
        (IPNetwork.Parse("fd20:ce::254/128"), "Google Cloud instance metadata over IPv6"),
        (IPNetwork.Parse("fd00:c1::a9fe:a9fe/128"), "Oracle Cloud instance metadata over IPv6"),
        (IPNetwork.Parse("64:ff9b::/96"), "NAT64 (RFC 6052)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use NAT64 (RFC 8215)"),
        (IPNetwork.Parse("100::/64"), "discard-only (RFC 6666)"),
        (IPNetwork.Parse("2001:2::/48"), "benchmarking (RFC 5180)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation (RFC 3849)"),
        (IPNetwork.Parse("3fff::/20"), "documentation (RFC 9637)"),
        (IPNetwork.Parse("fc00::/7"), "unique local (RFC 4193)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local (deprecated, RFC 3879)"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    // 2002:AABB:CCDD::/48 is the 6to4 prefix of IPv4 AA.BB.CC.DD (RFC 3056 §2); a relay would deliver to that IPv4.
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    // Teredo (RFC 4380 §4) hides an obfuscated IPv4 client address and is reached through a relay we do not choose.
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");

    /// <summary>False for loopback, RFC 1918, link-local (incl. 169.254.169.254), CGNAT 100.64/10, 0/8, TEST-NETs,
    /// 198.18/15, multicast, 240/4, broadcast, unspecified, IPv6 ULA fc00::/7, fe80::/10, ::1, ::, 2001:db8::/32,
    /// 64:ff9b::/96, the well-known cloud metadata and platform service addresses (Azure's 168.63.129.16, IBM
    /// Cloud's 161.26/16, ...) and IPv4-mapped/compatible/6to4 forms of the above (judged on the embedded IPv4).</summary>
    public static bool IsPublic(IPAddress address) => WhyNotPublic(address) is null;

    /// <summary>A short reason for a non-public address ("loopback", "private (RFC 1918)", ...); null if public.</summary>
    public static string? WhyNotPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => WhyNotPublicV4(address),
            AddressFamily.InterNetworkV6 => WhyNotPublicV6(address),
            _ => "not an IP address",
        };
    }

    private static string? WhyNotPublicV4(IPAddress address)
    {
        foreach (var (network, reason) in V4Blocked)
        {
            if (network.Contains(address))
            {
                return reason;
            }
        }

        return null;
    }

    private static string? WhyNotPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6None))
        {
            return "unspecified";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback";
        }

        // ::ffff:a.b.c.d and the deprecated ::a.b.c.d carry an IPv4 address; judge that one.
        if (address.IsIPv4MappedToIPv6 || IsIPv4Compatible(address))
        {
            var embedded = new IPAddress(address.GetAddressBytes()[12..]);
            var reason = WhyNotPublicV4(embedded);
            return reason is null ? null : $"IPv4 {embedded} inside IPv6: {reason}";
        }

        if (SixToFour.Contains(address))
        {
            var embedded = new IPAddress(address.GetAddressBytes()[2..6]);
            var reason = WhyNotPublicV4(embedded);
            return reason is null ? null : $"6to4 (RFC 3056) of IPv4 {embedded}: {reason}";
        }

        if (Teredo.Contains(address))
        {
            return "Teredo tunnel (RFC 4380), reached through a relay";
        }

        foreach (var (network, reason) in V6Blocked)
        {
            if (network.Contains(address))
            {
                return reason;
            }
        }

        // Everything outside 2000::/3 is reserved or special (RFC 4291 §2.4).
        return GlobalUnicastV6.Contains(address) ? null : "not global unicast (outside 2000::/3)";
    }

    // ::/96 (RFC 4291 §2.5.5.1), excluding :: and ::1 which are handled before.
    private static bool IsIPv4Compatible(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
    }
}
