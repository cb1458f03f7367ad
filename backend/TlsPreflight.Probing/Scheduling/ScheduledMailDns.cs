using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Verdict;

namespace TlsPreflight.Probing.Scheduling;

/// <summary>The engine's DNS for one requester: every question waits for its turn in the DNS lane; a full queue
/// is a DNS failure as data, like any other unanswered question.</summary>
public sealed class ScheduledMailDns(IMailDns dns, ProbeScheduler scheduler, ProbeRequester requester) : IMailDns
{
    public const string QueueFull = "not asked: too many DNS questions are waiting here (rate limited); ask again shortly";

    public Task<MxLookup> LookupMxAsync(string domain, CancellationToken cancellationToken)
        => Run(t => dns.LookupMxAsync(domain, t), () => new MxLookup(MxLookupStatus.DnsError, [], QueueFull, false), cancellationToken);

    public Task<AddressLookup> LookupAddressesAsync(string host, CancellationToken cancellationToken)
        => Run(t => dns.LookupAddressesAsync(host, t), () => new AddressLookup([], null, QueueFull, false), cancellationToken);

    public Task<TlsaLookup> LookupTlsaAsync(string mxHost, CancellationToken cancellationToken)
        => Run(t => dns.LookupTlsaAsync(mxHost, t), () => new TlsaLookup(DnssecStatus.Indeterminate, [], QueueFull), cancellationToken);

    public Task<TxtLookup> LookupTxtAsync(string name, CancellationToken cancellationToken)
        => Run(t => dns.LookupTxtAsync(name, t), () => new TxtLookup([], QueueFull), cancellationToken);

    private Task<T> Run<T>(Func<CancellationToken, Task<T>> question, Func<T> whenFull, CancellationToken cancellationToken)
        => scheduler.RunAsync(ProbeLane.Dns, requester, null, question, whenFull, cancellationToken);
}
