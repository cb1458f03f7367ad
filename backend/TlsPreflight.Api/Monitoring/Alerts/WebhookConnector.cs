using System.Net;
using TlsPreflight.Probing.MtaSts;
using TlsPreflight.Probing.Safety;

namespace TlsPreflight.Api.Monitoring.Alerts;

/// <summary>The webhook client's sockets: every address the host name resolves to is judged by the engine's <see cref="DialPolicy"/> before it is dialled (ExtraRefusedRanges included), so DNS cannot aim an alert at an internal host.</summary>
public sealed class WebhookConnector(DialPolicy dialPolicy)
{
    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var dialable = addresses.Where(dialPolicy.MayDial).ToList();
        if (dialable.Count == 0)
        {
            var reasons = addresses.Select(a => $"{a} ({AddressGuard.WhyNotPublic(a)})");
            throw new AddressRefusedException($"{host} resolves only to non-public addresses: {string.Join(", ", reasons)}");
        }

        return await DialPolicy.ConnectFirstAsync(dialable, host, context.DnsEndPoint.Port, cancellationToken);
    }
}
