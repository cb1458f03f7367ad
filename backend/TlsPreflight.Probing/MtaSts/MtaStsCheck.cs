using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Scheduling;
using TlsPreflight.Probing.Telemetry;

namespace TlsPreflight.Probing.MtaSts;

/// <summary>The domain's MTA-STS state (RFC 8461): TXT record → cached or fetched policy → report. The TXT
/// question and the fetch wait for the requester's turn in the scheduler.</summary>
public sealed class MtaStsCheck(IMailDns mailDns, ProbeScheduler scheduler, MtaStsPolicyFetcher fetcher, MtaStsPolicyCache cache,
    MtaStsFetchBackoff backoff)
{
    /// <summary>The error of a fetch the HTTPS queue had no room for.</summary>
    public const string QueueFull = "not fetched: too many policy fetches are waiting here (rate limited); ask again shortly";

    /// <summary>The report; when a policy applies its status is <see cref="MtaStsStatus.Valid"/> and it carries the policy's
    /// mode and `mx` patterns (the verdict matches the MX hosts against them).</summary>
    public async Task<MtaStsReport> RunAsync(string domain, ProbeRequester requester, CancellationToken cancellationToken)
    {
        var dns = new ScheduledMailDns(mailDns, scheduler, requester);
        var txt = await dns.LookupTxtAsync($"_mta-sts.{domain}", cancellationToken);
        var claims = txt.Records.Where(MtaStsRecord.IsStsRecord).ToList();
        if (txt.Error is not null || claims.Count == 0)
        {
            // RFC 8461 §5.1: without a usable TXT record an unexpired cached policy still applies.
            if (cache.GetAny(domain) is { } cached)
                return Valid(cached.RecordId, cached.Policy, fromCache: true, error: txt.Error);
            return MtaStsReport.NoRecord with { Error = txt.Error };
        }
        if (!MtaStsRecord.TryParse(txt.Records, out var record, out var recordError) || record is null)
            return new MtaStsReport(MtaStsStatus.RecordInvalid, null, null, null, [], recordError, false);

        // RFC 8461 §3.3: the record id says whether the cached policy is current.
        var current = cache.Get(domain, record.Id);
        EngineTelemetry.CacheLookup("mta-sts-policy", current is not null);
        if (current is not null)
            return Valid(record.Id, current, fromCache: true, error: null);

        // RFC 8461 §3.3: with no policy the sender goes on as if there were no MTA-STS; a recent failure under this
        // record id stands until the back-off runs out, instead of asking the policy host on every assessment.
        if (cache.GetAny(domain) is null && backoff.Current(domain, record.Id) is { } recent)
            return Failure(record.Id, recent.Result, $"from the failed fetch at {Clock(recent.At)}; {NextFetch(recent)}");

        var queueFull = false;
        var fetched = await scheduler.RunAsync(ProbeLane.Https, requester, null, t => fetcher.FetchAsync(domain, t),
            () =>
            {
                queueFull = true;
                return MtaStsFetchResult.FetchError(QueueFull);
            }, cancellationToken);
        if (fetched.Policy is not null)
        {
            backoff.Succeeded(domain);
            cache.Store(domain, record.Id, fetched.Policy);
            return Valid(record.Id, fetched.Policy, fromCache: false, error: null);
        }
        // RFC 8461 §3.3: a failed refresh leaves a valid cached policy in force until it expires.
        if (cache.GetAny(domain) is { } previous)
            return Valid(previous.RecordId, previous.Policy, fromCache: true, error: fetched.Error);
        // Our own full queue says nothing about the policy host: no back-off for it.
        var held = queueFull ? null : backoff.Failed(domain, record.Id, fetched);
        return Failure(record.Id, fetched, held is null ? null : NextFetch(held));
    }

    private static MtaStsReport Failure(string recordId, MtaStsFetchResult result, string? note)
        => new(result.Status, recordId, null, null, [], note is null ? result.Error : $"{result.Error} ({note})", false);

    private static string NextFetch(FailedFetch failed) => $"not fetched again before {Clock(failed.RetryAfter)}, RFC 8461 §3.3 back-off";

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static MtaStsReport Valid(string recordId, MtaStsPolicy policy, bool fromCache, string? error)
        => new(MtaStsStatus.Valid, recordId, policy.Mode, policy.MaxAgeSeconds, policy.MxPatterns, error, fromCache);
}
