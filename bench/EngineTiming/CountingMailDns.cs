using TlsPreflight.Probing.Dns;

namespace TlsPreflight.Bench.EngineTiming;

/// <summary>The engine's DNS with a tally of the questions asked, so the bench can print queries per domain and
/// per MX host beside the timings (A/AAAA is one pair of queries).</summary>
internal sealed class CountingMailDns(MailDns inner) : IMailDns
{
    private int mx, addressPairs, tlsa, txt;

    public (int Mx, int AddressPairs, int Tlsa, int Txt) Counts
        => (Volatile.Read(ref mx), Volatile.Read(ref addressPairs), Volatile.Read(ref tlsa), Volatile.Read(ref txt));

    /// <summary>Queries on the wire: A and AAAA are two.</summary>
    public int Queries => Counts.Mx + 2 * Counts.AddressPairs + Counts.Tlsa + Counts.Txt;

    public Task<MxLookup> LookupMxAsync(string domain, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref mx);
        return inner.LookupMxAsync(domain, cancellationToken);
    }

    public Task<AddressLookup> LookupAddressesAsync(string host, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref addressPairs);
        return inner.LookupAddressesAsync(host, cancellationToken);
    }

    public Task<TlsaLookup> LookupTlsaAsync(string mxHost, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref tlsa);
        return inner.LookupTlsaAsync(mxHost, cancellationToken);
    }

    public Task<TxtLookup> LookupTxtAsync(string name, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref txt);
        return inner.LookupTxtAsync(name, cancellationToken);
    }
}
