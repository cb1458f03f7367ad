using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.Decisions;

/// <summary>What allowed a domain its TLS rule would have stopped (API.md `allowedBy`).</summary>
public enum AllowedBy
{
    /// <summary>The message carries a label that encrypts its content (policy `protectingLabels`).</summary>
    Label = 0,

    /// <summary>An admin approved an exception for the domain that has not expired (policy `exceptions`).</summary>
    Exception = 1,
}

/// <summary>The safe ways past a TLS rule's stop (issue 14): a protecting label lifts every rule, an approved
/// exception lifts the rules for its domain until it expires. Applied after the rule, so the rule's own decision
/// is kept for the audit.</summary>
public static class WaysForward
{
    public static (PolicyAction Decision, AllowedBy? AllowedBy, ExceptionGrant? Grant) Lift(
        PolicyAction ruleDecision, TenantPolicy policy, string domain, ProtectingLabel? label, DateTimeOffset? now)
    {
        if (ruleDecision == PolicyAction.Allow)
        {
            return (ruleDecision, null, null);
        }

        // The label first: it protects the content itself, whatever the domain's exception says or when it ends.
        if (label != null)
        {
            return (PolicyAction.Allow, AllowedBy.Label, null);
        }

        var grant = now is { } at ? policy.GrantFor(domain, at) : null;
        return grant != null ? (PolicyAction.Allow, AllowedBy.Exception, grant) : (ruleDecision, null, null);
    }
}
