using System.Net;
using System.Net.Sockets;

namespace TlsPreflight.TestLab.Network;

/// <summary>Hands out distinct 127.x.y.z addresses and free ports. Linux answers all of 127/8 on `lo`, so many
/// MX hosts can share one SMTP port (the engine dials one port) by each binding its own address.</summary>
public static class LoopbackAddresses
{
    // Start at a random point in 127.1.0.0/16 so parallel test processes rarely pick the same address.
    private static int next = Random.Shared.Next(0, 60_000);

    /// <summary>A fresh 127.1.x.y address (never 127.0.0.1, which tests keep for "the private address").</summary>
    public static IPAddress Next()
    {
        var n = Interlocked.Increment(ref next) % 65_000;
        return new IPAddress([127, 1, (byte)(n / 254), (byte)(n % 254 + 1)]);
    }

    /// <summary>A TCP port that was free on 127.0.0.1 a moment ago.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>A port free for both UDP and TCP on the address (DNS needs both on one port).</summary>
    public static int FreeUdpAndTcpPort(IPAddress address)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(address, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(address, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for UDP; try another
            }
        }
        throw new InvalidOperationException($"no port free for both UDP and TCP on {address}");
    }

    /// <summary>Start a listener on a fresh address at the given port, skipping addresses already taken.</summary>
    public static TcpListener Listen(int port, IPAddress? address = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var candidate = address ?? Next();
            var listener = new TcpListener(candidate, port);
            try
            {
                listener.Start(backlog: 64);
                return listener;
            }
            catch (SocketException) when (address is null && attempt < 50)
            {
                // another process holds this address:port; take the next address
            }
        }
    }
}
