using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Policy;

/// <summary>Pure policy logic: which rule applies to a domain, and what it decides for a level.</summary>
public static class PolicyRules
{
    /// <summary>The forced-TLS entry for a domain, an exact pattern before a wildcard; null means the default rule.</summary>
    public static ForcedTlsRule? MatchForcedTls(TenantPolicy policy, string domain)
    {
        ForcedTlsRule? wildcard = null;
        foreach (var rule in policy.ForcedTls)
        {
            if (string.Equals(rule.Pattern, domain, StringComparison.OrdinalIgnoreCase))
            {
                return rule;
            }

            wildcard ??= PatternMatches(rule.Pattern, domain) ? rule : null;
        }

        return wildcard;
    }

    /// <summary>`*.example.com` matches `a.example.com` only: the wildcard is exactly the left-most label
    /// (as RFC 8461 §4.1 `mx` patterns), never `example.com` itself nor `a.b.example.com`.</summary>
    public static bool PatternMatches(string pattern, string domain) => WildcardName.Matches(pattern, domain);

    /// <summary>The rule that applies to a domain: its forced-TLS entry (with that entry's `whenUnknown`) or the
    /// default rule (with the tenant's fail mode).</summary>
    public static AppliedRule RuleFor(TenantPolicy policy, string domain)
    {
        var forced = MatchForcedTls(policy, domain);
        return forced == null
            ? new AppliedRule(policy.DefaultRule, WhenUnknown(policy.FailMode), DefaultRuleName)
            : new AppliedRule(new PolicyRule(forced.RequiredLevel, forced.Action), forced.WhenUnknown, forced.Pattern);
    }

    public const string DefaultRuleName = "default";

    /// <summary>What the tenant's fail mode makes of an unknown result or an unreachable service.</summary>
    public static PolicyAction WhenUnknown(FailMode failMode) => failMode == FailMode.Safe ? PolicyAction.Block : PolicyAction.Warn;

    /// <summary>The decision for one assessed domain under a rule (API.md "decision per domain").</summary>
    public static PolicyAction Decide(SecurityLevel level, PolicyRule rule, PolicyAction whenUnknown)
    {
        if (level >= rule.RequiredLevel || rule.Action == PolicyAction.Allow)
        {
            return PolicyAction.Allow;
        }

        // An unknown result is never reported as insecure: the rule's whenUnknown (a forced-TLS entry's own, else
        // the tenant's fail mode) decides (PRODUCT.md).
        if (level == SecurityLevel.Unknown)
        {
            return whenUnknown;
        }

        return rule.Action;
    }

    /// <summary>A suspected downgrade (encryption seen before, none now, same servers): a forced-TLS rule decides as it
    /// would for plaintext; the default rule decides at least warn, whatever its own action (issue 13).</summary>
    public static PolicyAction DecideSuspectedDowngrade(AppliedRule applied)
    {
        var asPlaintext = Decide(SecurityLevel.Plaintext, applied.Rule, applied.WhenUnknown);
        return applied.Name != DefaultRuleName ? asPlaintext : (PolicyAction)Math.Max((int)asPlaintext, (int)PolicyAction.Warn);
    }

    /// <summary>The message's decision is the strictest over its recipients.</summary>
    public static PolicyAction Strictest(IEnumerable<PolicyAction> decisions)
        => decisions.DefaultIfEmpty(PolicyAction.Allow).Max();
}

/// <summary>The rule a domain falls under: required level and action, what `unknown` decides, and its name
/// (`default` or the forced-TLS pattern, API.md `matchedRule`).</summary>
public sealed record AppliedRule(PolicyRule Rule, PolicyAction WhenUnknown, string Name);
