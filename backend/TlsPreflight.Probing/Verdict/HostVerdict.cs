using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Verdict;

/// <summary>One MX host's own level and findings, from its probes and its TLSA evidence, and whether the domain's
/// MTA-STS policy lists it.</summary>
/// <param name="MtaStsMatch">Null without a policy (RFC 8461 §4.1).</param>
internal sealed record HostVerdict(MxHostEvidence Host, SecurityLevel Level, bool Answered, bool DaneEnforced, bool OffersNoTls,
    bool? MtaStsMatch, IReadOnlyList<Finding> Findings)
{
    public static HostVerdict Evaluate(MxHostEvidence host, MtaStsReport sts)
    {
        var findings = new List<Finding>();
        if (host.CnameTarget is not null)
        {
            findings.Add(new Finding(FindingCodes.MxIsCname, host.Host, host.CnameTarget));
        }

        if (host.Probes.Count == 0)
        {
            findings.Add(new Finding(FindingCodes.MxNoAddress, host.Host));
        }

        // RFC 7672 §2.2: a bogus TLSA answer makes a DANE sender treat this MX as unreachable.
        if (host.Dane.DnssecStatus == DnssecStatus.Bogus)
        {
            findings.Add(new Finding(FindingCodes.DnssecInvalid, host.Host, "the TLSA lookup failed DNSSEC validation"));
        }
        else if (host.Dane.DnssecStatus == DnssecStatus.Indeterminate)
        {
            // RFC 7672 §2.1.1: a TLSA lookup that fails (not a denial) makes a DANE sender defer mail to this MX.
            findings.Add(new Finding(FindingCodes.DnsFailure, host.Host, "the TLSA lookup failed; DANE senders defer mail to this MX until it answers"));
        }

        var answered = new List<AddressVerdict>();
        foreach (var probe in host.Probes)
        {
            var address = AddressVerdict.Evaluate(host, probe);
            findings.AddRange(address.Findings);
            if (address.Level is not null)
            {
                answered.Add(address);
            }
        }

        // The host is as weak as its weakest address that answered (a sender may pick any of them).
        var level = answered.Count == 0 ? SecurityLevel.Unknown : answered.Min(a => a.Level!.Value);
        return new HostVerdict(
            host,
            level,
            answered.Count > 0,
            DaneEnforced: answered.Count > 0 && answered.All(a => a.DaneEnforced),
            OffersNoTls: answered.Any(a => a.Level == SecurityLevel.Plaintext),
            ListedBy(sts, host.Host),
            findings);
    }

    /// <summary>RFC 8461 §4.1: whether one of the policy's `mx` patterns matches the host; null when no policy applies.</summary>
    public static bool? ListedBy(MtaStsReport sts, string host)
        => sts.Status == MtaStsStatus.Valid ? MxPattern.MatchesAny(sts.MxPatterns, host) : null;
}
