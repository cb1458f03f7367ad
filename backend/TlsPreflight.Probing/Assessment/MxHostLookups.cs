using System.Collections.Concurrent;
using TlsPreflight.Probing.Dns;

namespace TlsPreflight.Probing.Assessment;

/// <summary>The DNS answers about MX hosts (A/AAAA and TLSA) within one assessment call: each host is asked about
/// once, however many of the call's domains use it (50 domains over 10 shared MX: 30 questions, not 150). Scoped
/// to the call on purpose — nothing outlives it, so no answer is reused past the moment it was asked for, no
/// tenant sees another's lookups, and no new cache lifetime exists. The shared question runs under the call's
/// own deadline (<paramref name="call"/>); each domain waits for it under its own.</summary>
internal sealed class MxHostLookups(IMailDns dns, CancellationToken call)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AddressLookup>>> addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<TlsaLookup>>> tlsa = new(StringComparer.Ordinal);

    public Task<AddressLookup> LookupAddressesAsync(string host, CancellationToken cancellationToken)
        => Shared(addresses, host, h => dns.LookupAddressesAsync(h, call), cancellationToken);

    public Task<TlsaLookup> LookupTlsaAsync(string host, CancellationToken cancellationToken)
        => Shared(tlsa, host, h => dns.LookupTlsaAsync(h, call), cancellationToken);

    private static Task<T> Shared<T>(ConcurrentDictionary<string, Lazy<Task<T>>> answers, string host,
        Func<string, Task<T>> ask, CancellationToken cancellationToken)
        => answers.GetOrAdd(host, h => new Lazy<Task<T>>(() => ask(h))).Value.WaitAsync(cancellationToken);
}
