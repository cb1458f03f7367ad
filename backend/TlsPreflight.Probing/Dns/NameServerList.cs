using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace TlsPreflight.Probing.Dns;

/// <summary>Parses ProbingOptions.DnsServers (and the CLI's --dns-server): "IP" or "IP:PORT" ("[v6]:PORT" for IPv6),
/// port 53 when omitted. The one home of that rule.</summary>
public static class NameServerList
{
    public static IReadOnlyList<NameServer> Parse(IEnumerable<string> servers)
        => [.. servers.Select(ParseOne)];

    public static NameServer ParseOne(string server)
        => TryParseEndPoint(server, out var endPoint)
            ? new NameServer(endPoint)
            : throw new ArgumentException($"DNS server '{server}' is not IP or IP:PORT (e.g. 127.0.0.1:5353 or [::1]:53)", nameof(server));

    /// <summary>"IP" or "IP:PORT" (IPv6 with a port in brackets) → the end point; false if invalid.</summary>
    public static bool TryParseEndPoint(string? value, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (IPAddress.TryParse(value, out var bare) && !value.Contains(']'))
        {
            endPoint = IsWritten(bare, value) ? new IPEndPoint(bare, 53) : null;
            return endPoint is not null;
        }

        if (!IPEndPoint.TryParse(value, out var parsed) || parsed.Port == 0
            || !IsWritten(parsed.Address, value[..value.LastIndexOf(':')].Trim('[', ']')))
        {
            return false;
        }

        // IPEndPoint.TryParse accepts a port-less "[::1]" as port 0; that case returned above. Require a real port text.
        var portText = value[(value.LastIndexOf(':') + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        endPoint = parsed;
        return true;
    }

    // IPAddress.TryParse also takes inet_aton forms such as "1.2.3" or "0x7f.1"; only dotted quads are meant here.
    private static bool IsWritten(IPAddress address, string text)
        => address.AddressFamily != AddressFamily.InterNetwork || address.ToString() == text;
}
