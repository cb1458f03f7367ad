using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Decisions;

/// <summary>A finding with its sentence for the sender (API.md `findings[]`).</summary>
public sealed record FindingView(string Code, string? Host, string? Detail, string Text)
{
    public static FindingView From(Finding finding) => new(finding.Code, finding.Host, finding.Detail, FindingText.For(finding.Code));
}

/// <summary>The decision for one recipient domain (API.md `domains[]`).</summary>
public sealed record DomainDecision(
    string Domain,
    SecurityLevel? Level,
    SecurityLevel? RequiredLevel,
    PolicyAction Action,
    PolicyAction Decision,
    bool Internal,
    string MatchedRule,
    string Reason,
    IReadOnlyList<FindingView> Findings,
    DateTimeOffset? CheckedAt,
    bool FromCache,
    bool LastKnown = false);

/// <summary>The decision for a whole message: the strictest over its domains, and what to tell the sender.</summary>
public sealed record SendDecision(
    PolicyAction Decision,
    string Message,
    int PolicyVersion,
    FailMode FailMode,
    IReadOnlyList<DomainDecision> Domains)
{
    /// <summary>`matchedRule` of an entry that is not an address or domain.</summary>
    public const string InvalidRule = "invalid";

    /// <summary>Applies <paramref name="policy"/> to each domain. Internal domains (no assessment) are allowed unchecked;
    /// each entry in <paramref name="invalidEntries"/> is its own `unknown` result, decided by the fail mode.</summary>
    public static SendDecision Make(
        PolicyVersion policy,
        IReadOnlyCollection<string> internalDomains,
        IReadOnlyList<(string Domain, DomainAssessment? Assessment, bool FromCache)> domains,
        IReadOnlyList<string>? invalidEntries = null)
    {
        var decisions = new List<DomainDecision>(domains.Count);
        foreach (var (domain, assessment, fromCache) in domains)
        {
            if (assessment == null || internalDomains.Contains(domain))
            {
                decisions.Add(new DomainDecision(domain, null, null, PolicyAction.Allow, PolicyAction.Allow, true, "internal",
                    "Internal domain: not checked.", [], null, false));
                continue;
            }

            var applied = PolicyRules.RuleFor(policy.Policy, domain);
            var decision = PolicyRules.Decide(assessment.Level, applied.Rule, applied.WhenUnknown);
            decisions.Add(new DomainDecision(domain, assessment.Level, applied.Rule.RequiredLevel, applied.Rule.Action, decision, false,
                applied.Name, DecisionText.Reason(assessment.Level, assessment.Findings), assessment.Findings.Select(FindingView.From).ToList(),
                assessment.CheckedAt, fromCache, StaleIfError.IsLastKnown(assessment)));
        }

        foreach (var entry in invalidEntries ?? [])
        {
            // Nothing can be checked for it, so it is unknown: the tenant's fail mode decides, as for an unreachable service.
            var finding = new Finding(FindingCodes.InvalidRecipient);
            var byFailMode = PolicyRules.WhenUnknown(policy.Policy.FailMode);
            decisions.Add(new DomainDecision(entry, SecurityLevel.Unknown, null, byFailMode, byFailMode, false, InvalidRule,
                FindingText.For(finding.Code), [FindingView.From(finding)], null, false));
        }

        var overall = PolicyRules.Strictest(decisions.Select(d => d.Decision));
        return new SendDecision(overall, DecisionMessage.Compose(overall, decisions), policy.Version, policy.Policy.FailMode, decisions);
    }
}
