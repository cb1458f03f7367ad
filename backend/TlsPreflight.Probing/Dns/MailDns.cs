using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using DnsClient.Protocol.Options;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Timeout;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Telemetry;

namespace TlsPreflight.Probing.Dns;

/// <summary><see cref="IMailDns"/> over DnsClient against the configured name servers. DnsClient's own cache and
/// retries are off: the named Polly pipeline <see cref="PipelineName"/> owns timeout and the one retry.</summary>
public sealed class MailDns : IMailDns
{
    public const string PipelineName = "tlspreflight-dns";

    private readonly LookupClient client;
    private readonly ResiliencePipeline pipeline;
    private readonly bool trustResolverDnssec;
    private readonly TimeSpan timeout;

    public MailDns(IOptions<ProbingOptions> options, ResiliencePipelineProvider<string> pipelines)
    {
        var o = options.Value;
        trustResolverDnssec = o.TrustResolverDnssec;
        timeout = o.DnsTimeout;
        pipeline = pipelines.GetPipeline(PipelineName);
        var servers = NameServerList.Parse(o.DnsServers);
        var lookup = servers.Count > 0 ? new LookupClientOptions([.. servers]) : new LookupClientOptions();
        lookup.UseCache = false;
        lookup.Retries = 0;
        lookup.Timeout = o.DnsTimeout;
        lookup.UseTcpFallback = true;       // truncated UDP answers are asked again over TCP (RFC 7766)
        lookup.ThrowDnsErrors = false;      // NXDOMAIN and SERVFAIL come back as data
        lookup.ContinueOnDnsError = false;  // a SERVFAIL is an answer, not a reason to ask elsewhere
        lookup.RequestDnsSecRecords = o.TrustResolverDnssec; // DO bit: a validating resolver then sets AD (RFC 4035 §3.2.3)
        client = new LookupClient(lookup);
    }

    public async Task<MxLookup> LookupMxAsync(string domain, CancellationToken cancellationToken)
    {
        var answer = await QueryAsync(domain, QueryType.MX, cancellationToken);
        if (answer.DnssecFailure)
            return new MxLookup(MxLookupStatus.DnssecInvalid, [], answer.Error, false);
        if (answer.Error is not null)
            return new MxLookup(MxLookupStatus.DnsError, [], answer.Error, false);
        if (answer.NxDomain)
        {
            // RFC 8020: NXDOMAIN means nothing exists at or below the name; with AD the denial is DNSSEC-proven (RFC 4035 §5.4).
            var how = answer.Secure ? "NXDOMAIN, DNSSEC-authenticated" : "NXDOMAIN";
            return new MxLookup(MxLookupStatus.DomainNotFound, [], $"{domain} does not exist ({how})", answer.Secure);
        }

        var records = answer.Records.OfType<MxRecord>().ToList();
        if (records.Count == 0)
            return await ImplicitMxAsync(domain, cancellationToken);

        var targets = records
            .Select(r => new MxTarget(HostName(r.Exchange.Value), r.Preference, false))
            .ToList();
        // RFC 7505 §3: "MX 0 ." alone means no mail; mixed with other MX it is ignored as invalid.
        var real = targets.Where(t => t.Host.Length > 0)
            .DistinctBy(t => t.Host)
            .OrderBy(t => t.Preference).ThenBy(t => t.Host, StringComparer.Ordinal)
            .ToList();
        if (real.Count < targets.Count)
            return new MxLookup(real.Count == 0 ? MxLookupStatus.NullMx : MxLookupStatus.NullMxMixed, real, null, answer.Secure);
        return new MxLookup(MxLookupStatus.Found, real, null, answer.Secure);
    }

    /// <summary>RFC 5321 §5.1: without MX records the domain's own A/AAAA is the mail host.</summary>
    private async Task<MxLookup> ImplicitMxAsync(string domain, CancellationToken cancellationToken)
    {
        var addresses = await LookupAddressesAsync(domain, cancellationToken);
        if (addresses.Addresses.Count > 0)
            return new MxLookup(MxLookupStatus.Implicit, [new MxTarget(domain, 0, true)], null, addresses.Secure);
        if (addresses.Error is not null)
            return new MxLookup(addresses.DnssecFailure ? MxLookupStatus.DnssecInvalid : MxLookupStatus.DnsError, [], addresses.Error, false);
        return new MxLookup(MxLookupStatus.NoMailServer, [], "no MX and no address records", addresses.Secure);
    }

    public async Task<AddressLookup> LookupAddressesAsync(string host, CancellationToken cancellationToken)
    {
        var v4 = QueryAsync(host, QueryType.A, cancellationToken);
        var v6 = QueryAsync(host, QueryType.AAAA, cancellationToken);
        var answers = await Task.WhenAll(v4, v6);
        var addresses = answers.SelectMany(a => a.Records.OfType<AddressRecord>()).Select(r => r.Address).Distinct().ToList();
        var canonical = answers.SelectMany(a => a.Records.OfType<CNameRecord>()).LastOrDefault() is { } alias
            ? HostName(alias.CanonicalName.Value)
            : null;
        var error = answers.All(a => a.Error is not null) ? answers[0].Error
            : addresses.Count == 0 ? answers.FirstOrDefault(a => a.Error is not null)?.Error
            : null;
        var secure = answers.All(a => a.Error is null && a.Secure);
        var dnssecFailure = addresses.Count == 0 && answers.Any(a => a.DnssecFailure);
        if (dnssecFailure)
            error = answers.First(a => a.DnssecFailure).Error;
        return new AddressLookup(addresses, canonical == host ? null : canonical, error, secure) { DnssecFailure = dnssecFailure };
    }

    public async Task<TlsaLookup> LookupTlsaAsync(string mxHost, CancellationToken cancellationToken)
    {
        // RFC 7672 §2.2: a validating resolver answers SERVFAIL for bogus data; a broken server does too, so only a
        // SERVFAIL shown to be a validation failure (Extended DNS Error or the CD test) is bogus.
        var answer = await QueryAsync($"_25._tcp.{mxHost}", QueryType.TLSA, cancellationToken);
        if (answer.Error is not null)
            return new TlsaLookup(answer.DnssecFailure ? DnssecStatus.Bogus : DnssecStatus.Indeterminate, [], answer.Error);
        var records = answer.Records.OfType<TlsaRecord>()
            .Select(r => new TlsaRecordData((int)r.CertificateUsage, (int)r.Selector, (int)r.MatchingType,
                Convert.ToHexStringLower(r.CertificateAssociationData.ToArray())))
            .ToList();
        if (records.Count == 0)
            return new TlsaLookup(DnssecStatus.None, [], null);
        return new TlsaLookup(answer.Secure ? DnssecStatus.Secure : DnssecStatus.Insecure, records, null);
    }

    public async Task<TxtLookup> LookupTxtAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await QueryAsync(name, QueryType.TXT, cancellationToken);
        if (answer.Error is not null)
            return new TxtLookup([], answer.Error);
        // RFC 8461 §3.1 / RFC 8460 §3: a record's character-strings are concatenated without separator.
        return new TxtLookup([.. answer.Records.OfType<TxtRecord>().Select(r => string.Concat(r.Text))], null);
    }

    private async Task<DnsAnswer> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        using var span = EngineTelemetry.StartDns(name, type.ToString());
        try
        {
            var response = await pipeline.ExecuteAsync(
                static async (state, token) => await state.client.QueryAsync(state.name, state.type, QueryClass.IN, token),
                (client, name, type), cancellationToken);
            var code = response.Header.ResponseCode;
            var secure = trustResolverDnssec && response.Header.IsAuthenticData;
            return code switch
            {
                DnsHeaderResponseCode.NoError => new DnsAnswer(response.Answers, null, false, false, secure),
                DnsHeaderResponseCode.NotExistentDomain => new DnsAnswer([], null, true, false, secure),
                DnsHeaderResponseCode.ServerFailure => await ServerFailureAsync(response, name, type, cancellationToken),
                _ => new DnsAnswer([], $"{type} {name}: {response.ErrorMessage}", false, false, false),
            };
        }
        catch (DnsResponseException e)
        {
            return DnsAnswer.Failed($"{type} {name}: {e.DnsError}");
        }
        catch (TimeoutRejectedException)
        {
            return DnsAnswer.Failed($"{type} {name}: no answer within the DNS timeout");
        }
        catch (SocketException e)
        {
            return DnsAnswer.Failed($"{type} {name}: {e.SocketErrorCode}");
        }
    }

    /// <summary>Tell a DNSSEC validation failure from a broken server: the resolver's Extended DNS Error (RFC 8914,
    /// INFO-CODEs 6–12 are DNSSEC) when it sends one, else the same question with CD set (RFC 4035 §3.2.2) — an
    /// answer with CD and SERVFAIL without is a validation failure. The CD test needs a resolver that validates.</summary>
    private async Task<DnsAnswer> ServerFailureAsync(IDnsQueryResponse response, string name, QueryType type, CancellationToken cancellationToken)
    {
        var what = $"{type} {name}: SERVFAIL";
        var opt = response.Additionals.OfType<OptRecord>().FirstOrDefault();
        if (opt?.Data is { } data && ExtendedDnsError.Find(data) is { } ede)
        {
            return ede.IsDnssecFailure
                ? DnsAnswer.Failed($"{what}, DNSSEC validation failed ({ede})", dnssecFailure: true)
                : DnsAnswer.Failed($"{what} ({ede})");
        }
        if (!trustResolverDnssec)
            return DnsAnswer.Failed(what);
        var server = new System.Net.IPEndPoint(System.Net.IPAddress.Parse(response.NameServer.Address), response.NameServer.Port);
        var withCd = await CheckingDisabledQuery.ResponseCodeAsync(server, name, (ushort)type, timeout, cancellationToken);
        return withCd is (int)DnsHeaderResponseCode.NoError or (int)DnsHeaderResponseCode.NotExistentDomain
            ? DnsAnswer.Failed($"{what}, DNSSEC validation failed (the resolver answers when checking is disabled, CD)", dnssecFailure: true)
            : DnsAnswer.Failed($"{what} (also with checking disabled: a broken server, not DNSSEC)");
    }

    private static string HostName(string value) => Names.HostName.Normalize(value) ?? "";

    /// <param name="DnssecFailure">SERVFAIL shown to be a DNSSEC validation failure.</param>
    private sealed record DnsAnswer(IReadOnlyList<DnsResourceRecord> Records, string? Error, bool NxDomain, bool DnssecFailure, bool Secure)
    {
        public static DnsAnswer Failed(string error, bool dnssecFailure = false) => new([], error, false, dnssecFailure, false);
    }
}
