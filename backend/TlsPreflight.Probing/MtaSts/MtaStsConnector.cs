using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using TlsPreflight.Probing.Certificates;
using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.Safety;

namespace TlsPreflight.Probing.MtaSts;

/// <summary>The socket and certificate rules of the MTA-STS HTTP client: names resolve through OUR name servers,
/// the address actually dialled must pass <see cref="DialPolicy"/>, and the certificate may also chain to
/// ExtraTrustedCaFile.</summary>
public sealed class MtaStsConnector(IMailDns dns, ChainValidator validator, DialPolicy dialPolicy)
{
    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var lookup = await dns.LookupAddressesAsync(host, cancellationToken);
        if (lookup.Addresses.Count == 0)
            throw new HttpRequestException($"{host}: {lookup.Error ?? "no address records"}");
        var dialable = lookup.Addresses.Where(dialPolicy.MayDial)
            .OrderBy(a => a.AddressFamily == AddressFamily.InterNetworkV6) // IPv4 first: IPv6 may have no route here
            .ToList();
        // Neither the addresses nor their ranges go into the message: it ends up in the result.
        if (dialable.Count == 0)
            throw new AddressRefusedException($"{host} resolves only to {DialPolicy.RefusedAddress}; not fetched");

        return await DialPolicy.ConnectFirstAsync(dialable, host, context.DnsEndPoint.Port, cancellationToken);
    }

    /// <summary>For <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>: the platform's
    /// verdict, except that a chain ending at an extra trusted CA counts as trusted. Name and dates still must hold.</summary>
    public bool AcceptCertificate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
            return false;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var now = DateTime.UtcNow;
        if (now < leaf.NotBefore.ToUniversalTime() || now > leaf.NotAfter.ToUniversalTime())
            return false;
        return validator.IsTrusted(leaf, chain?.ChainPolicy.ExtraStore ?? [], out _);
    }
}
