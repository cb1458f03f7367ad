using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Dane;
using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;
using TlsPreflight.Probing.Names;
using TlsPreflight.Probing.Safety;
using TlsPreflight.Probing.Scheduling;
using TlsPreflight.Probing.Telemetry;
using TlsPreflight.Probing.TlsRpt;
using TlsPreflight.Probing.Verdict;
using TlsPreflight.Probing.Smtp;

namespace TlsPreflight.Probing.Assessment;

/// <summary>The engine: DNS, then the MX probes, MTA-STS and TLS-RPT in parallel, TLSA per host, then the verdict.
/// The whole domain is bounded by DomainTimeout; what is unfinished by then is reported as a timeout.
/// Every DNS question, probe and fetch waits for the requester's turn in the <see cref="ProbeScheduler"/>; within one
/// call an MX host's A/AAAA and TLSA are asked once however many domains use it (<see cref="MxHostLookups"/>).</summary>
public sealed class DomainAssessor(
    IMailDns mailDns,
    ProbeScheduler scheduler,
    MxProbeCache probes,
    MtaStsCheck mtaSts,
    NetworkReach reach,
    SmtpEgressMonitor egress,
    DialPolicy dialPolicy,
    IOptions<ProbingOptions> options,
    TimeProvider time) : IDomainAssessor
{
    /// <summary>Addresses probed per MX host; more only repeats the same server farm.</summary>
    private const int MaxAddressesPerHost = 4;

    private readonly ProbingOptions o = options.Value;

    public Task<DomainAssessment> AssessAsync(string domainOrAddress, CancellationToken cancellationToken)
        => AssessAsync(domainOrAddress, ProbeRequester.Local, cancellationToken);

    public Task<DomainAssessment> AssessAsync(string domainOrAddress, ProbeRequester requester, CancellationToken cancellationToken)
        => AssessDomainAsync(DomainName.Normalize(domainOrAddress), requester, hostLookups: null, cancellationToken);

    public async Task<IReadOnlyList<DomainAssessment>> AssessManyAsync(IEnumerable<string> domainsOrAddresses, CancellationToken cancellationToken)
    {
        // Validate everything before any traffic, so one bad name is a clear error and not half a batch.
        var domains = domainsOrAddresses.Select(DomainName.Normalize).Distinct(StringComparer.Ordinal).ToList();
        // The batch's domains ask about each shared MX host once, under the batch's deadline (the same length as
        // each domain's, started just before them); each domain still waits under its own.
        using var batch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        batch.CancelAfter(o.DomainTimeout);
        var hostLookups = new MxHostLookups(new ScheduledMailDns(mailDns, scheduler, ProbeRequester.Local), batch.Token);
        return await Task.WhenAll(domains.Select(d => AssessDomainAsync(d, ProbeRequester.Local, hostLookups, cancellationToken)));
    }

    private async Task<DomainAssessment> AssessDomainAsync(string domain, ProbeRequester requester, MxHostLookups? hostLookups, CancellationToken caller)
    {
        // A special-use name is not on the internet: no DNS server is asked about it (.test only in labs).
        if (ReservedNames.WhyReserved(domain, allowTestNames: o.AllowPrivateNetworks) is { } reserved)
            return NotOnTheInternet(domain, reserved);

        using var span = EngineTelemetry.StartDomain(domain);
        var dns = new ScheduledMailDns(mailDns, scheduler, requester);
        var watch = Stopwatch.StartNew();
        var checkedAt = time.GetUtcNow();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        deadline.CancelAfter(o.DomainTimeout);
        var token = deadline.Token;
        hostLookups ??= new MxHostLookups(dns, token);

        var stsTask = Bounded(mtaSts.RunAsync(domain, requester, token),
            () => MtaStsReport.NoRecord with { Status = MtaStsStatus.FetchError, Error = "the domain's time limit ran out" }, caller);
        var rptTask = Bounded(TlsRptAsync(dns, domain, token), () => TlsRptReport.None with { Error = "the domain's time limit ran out" }, caller);
        var mx = await Bounded(dns.LookupMxAsync(domain, token),
            () => new MxLookup(MxLookupStatus.DnsError, [], "the domain's time limit ran out", false), caller);

        var hosts = await Task.WhenAll(mx.Targets.Take(o.MaxMxHosts).Select(t => AssessHostAsync(hostLookups, requester, t, token, caller)));
        var stsReport = await stsTask;

        var verdict = VerdictRules.Decide(new VerdictInput(mx.Status, mx.Error, hosts, stsReport, egress.LooksBlocked, mx.Secure));
        var tlsRpt = await rptTask;
        var assessment = new DomainAssessment(domain, verdict.Level, [.. verdict.Findings, .. TlsRptFindings(tlsRpt)], verdict.Hosts,
            stsReport, verdict.Dane, tlsRpt, checkedAt, watch.ElapsedMilliseconds);
        EngineTelemetry.DomainAssessed(assessment);
        return assessment;
    }

    private async Task<MxHostEvidence> AssessHostAsync(MxHostLookups hostDns, ProbeRequester requester, MxTarget target, CancellationToken token, CancellationToken caller)
    {
        using var span = EngineTelemetry.StartMxHost(target.Host);
        var tlsaTask = Bounded(hostDns.LookupTlsaAsync(target.Host, token), () => new TlsaLookup(DnssecStatus.Indeterminate, [], "time limit"), caller);
        var addresses = await Bounded(hostDns.LookupAddressesAsync(target.Host, token),
            () => new AddressLookup([], null, "the domain's time limit ran out", false), caller);
        var results = await Task.WhenAll(addresses.Addresses.Take(MaxAddressesPerHost).Select(a => ProbeAsync(target.Host, a, requester, token, caller)));

        var tlsa = await tlsaTask;
        // RFC 7672 §2.2.2: TLSA counts only when the MX host's address records are DNSSEC-secure as well.
        var dnssec = tlsa.DnssecStatus == DnssecStatus.Secure && !addresses.Secure ? DnssecStatus.Insecure : tlsa.DnssecStatus;
        var chain = results.FirstOrDefault(r => r.Tls is not null)?.Tls?.ChainDer;
        var dane = tlsa.Records.Count == 0
            ? TlsaReport.None with { DnssecStatus = dnssec }
            : TlsaMatcher.Evaluate(dnssec, tlsa.Records, chain, target.Host);
        // A CNAME target that leads to a refused address is not named either (DialPolicy.RefusedAddress).
        var cnameTarget = addresses.CanonicalName is not null && addresses.Addresses.Any(a => !dialPolicy.MayDial(a))
            ? DialPolicy.RefusedName
            : addresses.CanonicalName;
        return new MxHostEvidence(target.Host, target.Preference, target.Implicit, cnameTarget, results, dane);
    }

    private async Task<SmtpProbeResult> ProbeAsync(string mxHost, IPAddress address, ProbeRequester requester, CancellationToken token, CancellationToken caller)
    {
        // Judge the address actually dialled, never the name (SSRF guard); the result does not say which address it was.
        if (!dialPolicy.MayDial(address))
            return NotDialled(DialPolicy.RefusedAddress, ProbeOutcome.SkippedPrivateAddress, $"not dialled: {DialPolicy.RefusedAddress}");
        if (!reach.CanReach(address))
            return NotDialled(address.ToString(), ProbeOutcome.SkippedUnroutable, "this host has no route for IPv6");
        try
        {
            return await probes.GetAsync(mxHost, address, requester, token);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return NotDialled(address.ToString(), ProbeOutcome.Timeout, "the domain's time limit ran out before this probe finished") with { Step = ProbeStep.Domain };
        }
    }

    private DomainAssessment NotOnTheInternet(string domain, string reason)
        => new(domain, SecurityLevel.Unknown, [new Finding(FindingCodes.ReservedDomain, Detail: reason)], [],
            MtaStsReport.NoRecord, DaneReport.None, TlsRptReport.None, time.GetUtcNow(), 0);

    private SmtpProbeResult NotDialled(string address, ProbeOutcome outcome, string why)
        => new(address, o.SmtpPort, outcome, null, why, null, null, false, null, new ProbeTimings(0, 0, 0, 0, 0, 0));

    private static async Task<TlsRptReport> TlsRptAsync(IMailDns dns, string domain, CancellationToken token)
    {
        var txt = await dns.LookupTxtAsync($"_smtp._tls.{domain}", token);
        return txt.Error is not null ? TlsRptReport.None with { Error = txt.Error } : TlsRptRecord.Parse(txt.Records);
    }

    /// <summary>RFC 8460 is informational: reports tell the domain about failures, they do not change delivery.</summary>
    private static IEnumerable<Finding> TlsRptFindings(TlsRptReport report) => report.Status switch
    {
        TlsRptStatus.Valid => [new Finding(FindingCodes.TlsRptPresent, Detail: string.Join(", ", report.Rua))],
        TlsRptStatus.Invalid => [new Finding(FindingCodes.TlsRptInvalid, Detail: report.Error)],
        _ => [],
    };

    /// <summary>Await a step; when the domain deadline (not the caller) cancelled it, use the fallback instead.</summary>
    private static async Task<T> Bounded<T>(Task<T> step, Func<T> onDeadline, CancellationToken caller)
    {
        try
        {
            return await step;
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return onDeadline();
        }
    }
}
