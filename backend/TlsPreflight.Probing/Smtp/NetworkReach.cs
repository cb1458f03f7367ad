using System.Net;
using System.Net.Sockets;

namespace TlsPreflight.Probing.Smtp;

/// <summary>Whether this host has a route for an address family, so an IPv6-only MX on an IPv4-only prober is
/// reported as "could not test" (SkippedUnroutable) rather than as a failure of the MX.</summary>
public sealed class NetworkReach
{
    // Any global unicast address will do: connecting a UDP socket only selects a route, no packet is sent.
    private static readonly IPAddress GlobalIpv6Probe = IPAddress.Parse("2001:4860:4860::8888");
    private readonly Lazy<bool> hasIpv6Route = new(HasIpv6Route);

    public bool CanReach(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6)
            return true;
        if (IPAddress.IsLoopback(address))
            return Socket.OSSupportsIPv6;
        return hasIpv6Route.Value;
    }

    private static bool HasIpv6Route()
    {
        if (!Socket.OSSupportsIPv6)
            return false;
        try
        {
            using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(GlobalIpv6Probe, 53);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
