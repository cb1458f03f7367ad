using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Verdict;

/// <summary>What the domain's MTA-STS policy (RFC 8461) adds to the verdict.</summary>
internal sealed record MtaStsOutcome(bool Enforced, IReadOnlyList<Finding> DomainFindings, IReadOnlyList<Finding> HostFindings, IReadOnlyDictionary<string, SecurityLevel> HostLevels)
{
    public static MtaStsOutcome Apply(MtaStsReport sts, IReadOnlyList<HostVerdict> hosts, IReadOnlyList<HostVerdict> answering)
    {
        var domainFindings = VerdictRules.MtaStsFindings(sts).ToList();
        var hostFindings = new List<Finding>();
        if (sts.Status != MtaStsStatus.Valid || sts.Mode is not (MtaStsMode.Enforce or MtaStsMode.Testing))
        {
            return new(false, domainFindings, hostFindings, new Dictionary<string, SecurityLevel>());
        }

        // RFC 8461 §4.1: a host the policy does not list fails the policy.
        foreach (var host in hosts.Where(h => h.MtaStsMatch == false))
        {
            hostFindings.Add(new Finding(FindingCodes.StsMxMismatch, host.Host.Host, "the MTA-STS policy does not list this MX"));
        }

        if (sts.Mode == MtaStsMode.Testing)
        {
            // §5: testing only asks for reports; senders deliver anyway, so no upgrade.
            domainFindings.Add(new Finding(FindingCodes.MtaStsTesting));
            return new(false, domainFindings, hostFindings, new Dictionary<string, SecurityLevel>());
        }

        // §4.2 and §5: enforce binds senders once every MX is listed and passes (trusted, named, TLS ≥ 1.2).
        var met = answering.Count > 0
                  && hosts.All(h => h.MtaStsMatch == true)
                  && answering.All(h => h.Level >= SecurityLevel.Verified);
        if (!met)
        {
            domainFindings.Add(new Finding(FindingCodes.MtaStsEnforce,
                Detail: "the policy is not met: senders that honour MTA-STS will refuse the failing MX"));
            return new(false, domainFindings, hostFindings, new Dictionary<string, SecurityLevel>());
        }

        domainFindings.Add(new Finding(FindingCodes.MtaStsEnforce));
        var levels = answering.ToDictionary(h => h.Host.Host, _ => SecurityLevel.Enforced);
        return new(true, domainFindings, hostFindings, levels);
    }
}
