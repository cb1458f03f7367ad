using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Verdict;

/// <summary>PRODUCT.md's levels and findings, as pure functions of the evidence.</summary>
public static class VerdictRules
{
    /// <summary>Compute each host's level and MTA-STS match, the domain level (weakest over usable hosts) and the findings.</summary>
    public static Verdict Decide(VerdictInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var domainFindings = new List<Finding>();

        switch (input.MxStatus)
        {
            case MxLookupStatus.DnsError:
                domainFindings.Add(new Finding(FindingCodes.DnsFailure, Detail: input.DnsError));
                domainFindings.AddRange(MtaStsFindings(input.MtaSts));
                return Finish(SecurityLevel.Unknown, domainFindings, input);
            case MxLookupStatus.DnssecInvalid:
                // RFC 7672 §2.1.1: a DANE sender cannot tell this from an attack and defers the mail.
                domainFindings.Add(new Finding(FindingCodes.DnssecInvalid, Detail: input.DnsError));
                domainFindings.AddRange(MtaStsFindings(input.MtaSts));
                return Finish(SecurityLevel.Unknown, domainFindings, input);
            case MxLookupStatus.DomainNotFound:
                domainFindings.Add(new Finding(FindingCodes.DomainNotFound, Detail: input.DnsError));
                return Finish(SecurityLevel.NoMail, domainFindings, input);
            case MxLookupStatus.NullMx:
                // RFC 7505 §3: the domain declares it accepts no mail.
                domainFindings.Add(new Finding(FindingCodes.NullMx));
                return Finish(SecurityLevel.NoMail, domainFindings, input);
            case MxLookupStatus.NoMailServer:
                domainFindings.Add(new Finding(FindingCodes.NoMailServer));
                return Finish(SecurityLevel.NoMail, domainFindings, input);
            case MxLookupStatus.NullMxMixed:
                // RFC 7505 §3: invalid; senders still use the real MX records.
                domainFindings.Add(new Finding(FindingCodes.NullMxMixed));
                break;
            case MxLookupStatus.Implicit:
                // RFC 5321 §5.1: no MX, so the domain's own address is the mail server.
                domainFindings.Add(new Finding(FindingCodes.ImplicitMx));
                break;
        }

        var hosts = input.Hosts.Select(h => HostVerdict.Evaluate(h, input.MtaSts)).ToList();
        var answering = hosts.Where(h => h.Answered).ToList();

        // A sender skips MX hosts it cannot reach, so only hosts that answered decide; none answered → unknown.
        var level = answering.Count == 0 ? SecurityLevel.Unknown : answering.Min(h => h.Level);
        if (input.SmtpEgressBlocked)
        {
            domainFindings.Add(new Finding(FindingCodes.SmtpEgressBlocked));
            level = SecurityLevel.Unknown;
        }

        var sts = MtaStsOutcome.Apply(input.MtaSts, hosts, answering);
        domainFindings.AddRange(sts.DomainFindings);
        if (sts.Enforced && !input.SmtpEgressBlocked)
        {
            level = SecurityLevel.Enforced;
        }

        if (answering.Count > 0 && answering.All(h => h.DaneEnforced))
        {
            domainFindings.Add(new Finding(FindingCodes.DaneValid));
        }

        var hostFindings = new List<Finding>();
        foreach (var host in hosts)
        {
            hostFindings.AddRange(host.Findings);
            hostFindings.AddRange(sts.HostFindings.Where(f => f.Host == host.Host.Host));
            if (host.OffersNoTls && PublishesTlsPolicy(input.MtaSts, host.Host))
            {
                hostFindings.Add(new Finding(FindingCodes.DowngradeSuspected, host.Host.Host,
                    "the domain publishes a TLS policy (MTA-STS or DANE) but this MX did not complete STARTTLS"));
            }
        }

        var reports = hosts.Select(h => h.Host.Report(sts.HostLevels.GetValueOrDefault(h.Host.Host, h.Level), h.MtaStsMatch)).ToList();
        return Finish(level, [.. domainFindings, .. hostFindings], reports, input, hosts);
    }

    /// <summary>MTA-STS in enforce or testing mode, or secure TLSA for the host: either tells senders to expect TLS.</summary>
    private static bool PublishesTlsPolicy(MtaStsReport sts, MxHostEvidence host)
        => (sts.Status == MtaStsStatus.Valid && sts.Mode is MtaStsMode.Enforce or MtaStsMode.Testing)
           || (host.Dane.DnssecStatus == DnssecStatus.Secure && host.Dane.Records.Count > 0);

    internal static IEnumerable<Finding> MtaStsFindings(MtaStsReport sts) => sts.Status switch
    {
        MtaStsStatus.RecordInvalid or MtaStsStatus.PolicyInvalid => [new Finding(FindingCodes.StsPolicyInvalid, Detail: sts.Error)],
        MtaStsStatus.FetchError => [new Finding(FindingCodes.StsPolicyFetchError, Detail: sts.Error)],
        MtaStsStatus.WebpkiInvalid => [new Finding(FindingCodes.StsWebPkiInvalid, Detail: sts.Error)],
        _ => [],
    };

    /// <summary>The verdict without judging the hosts (the MX lookup already decided): each keeps an unknown level.</summary>
    private static Verdict Finish(SecurityLevel level, List<Finding> findings, VerdictInput input)
        => Finish(level, findings, [.. input.Hosts.Select(h => h.Report(SecurityLevel.Unknown, HostVerdict.ListedBy(input.MtaSts, h.Host)))], input);

    private static Verdict Finish(SecurityLevel level, List<Finding> findings, IReadOnlyList<MxHostReport> hosts, VerdictInput input, IReadOnlyList<HostVerdict>? evaluated = null)
    {
        var dane = DaneSummary.Summarize(evaluated ?? [], input.MxLookupSecure);
        // Distinct keeps the first occurrence, so domain-level findings stay first and hosts keep their order.
        return new Verdict(level, [.. findings.Distinct()], hosts, dane);
    }
}
