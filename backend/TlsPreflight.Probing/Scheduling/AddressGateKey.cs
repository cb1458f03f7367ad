using System.Net;
using System.Net.Sockets;

namespace TlsPreflight.Probing.Scheduling;

/// <summary>Which mail server an address is, for the good-citizen rule "one connection per MX address at a time"
/// (PRODUCT.md "Running it"): an IPv4-mapped IPv6 address is its IPv4 address, and all of one IPv6 /64 is one gate,
/// because a /64 is one subnet (RFC 4291 §2.5.4) whose 2^64 addresses a hostile DNS can list for free.</summary>
public static class AddressGateKey
{
    public static string For(IPAddress address)
    {
        var canonical = Canonical(address);
        if (canonical.AddressFamily != AddressFamily.InterNetworkV6)
            return canonical.ToString();
        var bytes = canonical.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>One spelling per server address, for cache keys: ::ffff:a.b.c.d is a.b.c.d.</summary>
    public static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
