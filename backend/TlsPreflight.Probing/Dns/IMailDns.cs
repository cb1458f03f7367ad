namespace TlsPreflight.Probing.Dns;

/// <summary>The DNS questions a mail sender asks, answered through the configured name servers.
/// Every method returns DNS failures as data (an <c>Error</c> text); none throws for the far side's faults.</summary>
public interface IMailDns
{
    /// <summary>MX of the domain (RFC 5321 §5.1): ordered by preference; null MX (RFC 7505); implicit MX from A/AAAA.</summary>
    Task<MxLookup> LookupMxAsync(string domain, CancellationToken cancellationToken);

    /// <summary>A and AAAA of a host, following a CNAME (flagged in <see cref="AddressLookup.CanonicalName"/>).</summary>
    Task<AddressLookup> LookupAddressesAsync(string host, CancellationToken cancellationToken);

    /// <summary>TLSA at `_25._tcp.{mxHost}` with its DNSSEC status (RFC 7672 §2.2).</summary>
    Task<TlsaLookup> LookupTlsaAsync(string mxHost, CancellationToken cancellationToken);

    /// <summary>TXT records at the name, each record's character-strings joined (RFC 8461 §3.1, RFC 8460 §3).</summary>
    Task<TxtLookup> LookupTxtAsync(string name, CancellationToken cancellationToken);
}
