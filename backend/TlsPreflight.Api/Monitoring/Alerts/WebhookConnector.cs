using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing;
using TlsPreflight.Probing.MtaSts;
using TlsPreflight.Probing.Safety;

namespace TlsPreflight.Api.Monitoring.Alerts;

/// <summary>The webhook client's sockets: every address the host name resolves to is judged by <see cref="AddressGuard"/>
/// before it is dialled (unless AllowPrivateNetworks), so DNS cannot aim an alert at an internal host.</summary>
public sealed class WebhookConnector(IOptions<ProbingOptions> options)
{
    private readonly bool allowPrivateNetworks = options.Value.AllowPrivateNetworks;

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var dialable = addresses.Where(a => allowPrivateNetworks || AddressGuard.IsPublic(a)).ToList();
        if (dialable.Count == 0)
        {
            var reasons = addresses.Select(a => $"{a} ({AddressGuard.WhyNotPublic(a)})");
            throw new AddressRefusedException($"{host} resolves only to non-public addresses: {string.Join(", ", reasons)}");
        }

        SocketException? last = null;
        foreach (var address in dialable)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
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
}
