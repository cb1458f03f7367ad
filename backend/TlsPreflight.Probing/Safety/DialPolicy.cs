using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace TlsPreflight.Probing.Safety;

/// <summary>Whether the engine may dial an address found in someone else's DNS (SSRF guard): never one in the
/// deployment's <see cref="ProbingOptions.ExtraRefusedRanges"/>, and, unless <see cref="ProbingOptions.AllowPrivateNetworks"/>
/// (labs), only a public one (<see cref="AddressGuard"/>). Judged on the address actually dialled, never on a name.</summary>
public sealed class DialPolicy
{
    /// <summary>What a result says in place of an address it refused, and of a name that led to one: which address
    /// and which range stay in no result, finding or error text, so the prober cannot map the networks around it.</summary>
    public const string RefusedAddress = "an address in a private or reserved range";

    /// <summary>In place of a CNAME target whose addresses include a refused one.</summary>
    public const string RefusedName = "a name that leads to " + RefusedAddress;

    private readonly bool allowPrivateNetworks;
    private readonly IReadOnlyList<IPNetwork> extraRefused;

    public DialPolicy(IOptions<ProbingOptions> options)
    {
        allowPrivateNetworks = options.Value.AllowPrivateNetworks;
        extraRefused = [.. options.Value.ExtraRefusedRanges.Select(ParseRange)];
    }

    public bool MayDial(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        // ::ffff:a.b.c.d is the IPv4 address a.b.c.d on the wire.
        var canonical = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (extraRefused.Any(range => range.Contains(canonical)))
            return false;
        return allowPrivateNetworks || AddressGuard.IsPublic(address);
    }

    /// <summary>For an HTTP client's connect callback: a TCP connection to the first of <paramref name="dialable"/>
    /// (addresses this policy already allowed, in the order to try) that answers.</summary>
    public static async ValueTask<Stream> ConnectFirstAsync(IEnumerable<IPAddress> dialable, string host, int port, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in dialable)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException($"{host}: could not connect ({last?.SocketErrorCode})", last);
    }

    /// <summary>One entry of ExtraRefusedRanges: a CIDR range ("10.20.0.0/16", "fd00:1234::/32"). Throws
    /// <see cref="FormatException"/> with a message that names the entry.</summary>
    public static IPNetwork ParseRange(string text)
    {
        var trimmed = text?.Trim() ?? "";
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        // A base address with bits set below the prefix (10.0.0.1/8) is refused: it is likely a typo for another range.
        return slash > 0 && IPNetwork.TryParse(trimmed, out var range)
                         && IPAddress.TryParse(trimmed[..slash], out var start) && start.Equals(range.BaseAddress)
            ? range
            : throw new FormatException($"ExtraRefusedRanges entry '{text}' is not a CIDR range such as 10.20.0.0/16 or fd00:1234::/32 (host bits below the prefix must be zero)");
    }
}
