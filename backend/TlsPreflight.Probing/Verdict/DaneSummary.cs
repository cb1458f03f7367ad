using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Verdict;

/// <summary>The domain's DANE status (RFC 7672) summarised over its MX hosts.</summary>
internal static class DaneSummary
{
    public static DaneReport Summarize(IReadOnlyList<HostVerdict> hosts, bool mxLookupSecure)
    {
        var withTlsa = hosts.Where(h => h.Host.Dane.Records.Count > 0 || h.Host.Dane.DnssecStatus == DnssecStatus.Bogus).ToList();
        if (withTlsa.Count == 0)
        {
            return DaneReport.None with { MxLookupSecure = mxLookupSecure };
        }

        DaneReport Report(DaneStatus status, string? detail) => new(status, mxLookupSecure, detail);

        var bogus = withTlsa.Where(h => h.Host.Dane.DnssecStatus == DnssecStatus.Bogus).ToList();
        if (bogus.Count > 0)
        {
            return Report(DaneStatus.Bogus, $"TLSA lookup failed DNSSEC validation for {Names(bogus)}");
        }

        var secure = withTlsa.Where(h => h.Host.Dane.DnssecStatus == DnssecStatus.Secure).ToList();
        if (secure.Count == 0)
        {
            // RFC 7672 §2.2: TLSA without DNSSEC is ignored by senders.
            return Report(DaneStatus.Insecure, "TLSA records exist but are not DNSSEC-signed");
        }

        // An answering host with secure TLSA that did not match (or offered no TLS to match) fails DANE.
        var failed = secure.Where(h => h.Answered && (h.Host.Dane.Outcome == TlsaOutcome.Mismatch || h.OffersNoTls)).ToList();
        if (failed.Count > 0)
        {
            return Report(DaneStatus.Mismatch, $"no TLSA match on {Names(failed)}");
        }

        var answering = hosts.Where(h => h.Answered).ToList();
        if (answering.Count > 0 && answering.All(h => h.DaneEnforced))
        {
            return Report(DaneStatus.Valid, null);
        }

        var matched = secure.Where(h => h.DaneEnforced).ToList();
        if (matched.Count > 0)
        {
            return Report(DaneStatus.Partial, $"DANE authenticates {Names(matched)} only");
        }

        if (secure.Any(h => h.Host.Dane.Outcome == TlsaOutcome.Unusable))
        {
            // RFC 7672 §3.1.3: only PKIX usages or unknown parameters; senders use unauthenticated TLS.
            return Report(DaneStatus.Unusable, "the secure TLSA records have no usable usage/selector/matching type");
        }

        return Report(DaneStatus.Partial, "secure TLSA records could not be checked: no TLS session");
    }

    private static string Names(IEnumerable<HostVerdict> hosts) => string.Join(", ", hosts.Select(h => h.Host.Host));
}
