using System.Net;
using DnsClient;

namespace TlsPreflight.Probing.Dns;

/// <summary>Parses ProbingOptions.DnsServers: "IP" or "IP:PORT" ("[v6]:PORT" for IPv6), port 53 when omitted.</summary>
public static class NameServerList
{
    public static IReadOnlyList<NameServer> Parse(IEnumerable<string> servers)
        => [.. servers.Select(ParseOne)];

    public static NameServer ParseOne(string server)
    {
        if (IPAddress.TryParse(server, out var bare))
            return new NameServer(bare, 53);
        if (IPEndPoint.TryParse(server, out var endPoint) && endPoint.Port != 0)
            return new NameServer(endPoint);
        throw new ArgumentException($"DNS server '{server}' is not IP or IP:PORT (e.g. 127.0.0.1:5353 or [::1]:53)", nameof(server));
    }
}
