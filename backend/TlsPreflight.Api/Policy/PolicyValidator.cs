using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Policy;

/// <summary>Checks an admin's policy and returns it normalised (lower-case A-label patterns), or typed errors per field.</summary>
public static class PolicyValidator
{
    public const int MaxForcedTlsRules = 1000;
    public const int MaxInternalDomains = 1000;
    public const int MaxRetentionDays = 3650;
    public const int MaxProtectingLabels = 50;
    public const int MaxLabelNameLength = 100;
    public const int MaxExceptions = 1000;

    public static bool TryValidate(TenantPolicy policy, out TenantPolicy normalized, out PolicyFieldErrors errors)
    {
        var found = new List<PolicyFieldError>();
        void Add(PolicyField field, int? index, string error) => found.Add(new PolicyFieldError(field, index, error));

        CheckRequiredLevel(PolicyField.DefaultRequiredLevel, null, policy.DefaultRule.RequiredLevel, Add);

        if (policy.ForcedTls.Count > MaxForcedTlsRules)
        {
            Add(PolicyField.ForcedTls, null, $"At most {MaxForcedTlsRules} forced-TLS rules.");
        }

        var rules = new List<ForcedTlsRule>();
        var seenPatterns = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < policy.ForcedTls.Count; i++)
        {
            var rule = policy.ForcedTls[i];
            // JSON `[null]` gets past the nullable annotations, which do not cover list elements.
            if (rule is null)
            {
                Add(PolicyField.ForcedTlsRule, i, "A rule object, not null.");
                continue;
            }

            CheckRequiredLevel(PolicyField.ForcedTlsRequiredLevel, i, rule.RequiredLevel, Add);
            if (!Enum.IsDefined(rule.WhenUnknown))
            {
                Add(PolicyField.ForcedTlsWhenUnknown, i, "One of allow, warn, block.");
            }

            if (!TryNormalizePattern(rule.Pattern, out var pattern, out var error))
            {
                Add(PolicyField.ForcedTlsPattern, i, error);
                continue;
            }

            if (!seenPatterns.Add(pattern))
            {
                Add(PolicyField.ForcedTlsPattern, i, $"'{pattern}' is listed twice.");
            }

            rules.Add(rule with { Pattern = pattern });
        }

        if (policy.InternalDomains.Count > MaxInternalDomains)
        {
            Add(PolicyField.InternalDomains, null, $"At most {MaxInternalDomains} internal domains.");
        }

        var internalDomains = new List<string>();
        for (var i = 0; i < policy.InternalDomains.Count; i++)
        {
            if (TryNormalizeDomain(policy.InternalDomains[i], out var domain, out var error))
            {
                if (!internalDomains.Contains(domain))
                {
                    internalDomains.Add(domain);
                }
            }
            else
            {
                Add(PolicyField.InternalDomain, i, string.IsNullOrEmpty(error) ? "A domain, not an address." : error);
            }
        }

        if (policy.Audit.RetentionDays is < 1 or > MaxRetentionDays)
        {
            Add(PolicyField.RetentionDays, null, $"Between 1 and {MaxRetentionDays} days.");
        }

        var labels = CheckLabels(policy.Labels, Add);
        var grants = CheckExceptions(policy.Grants, Add);

        errors = new PolicyFieldErrors(found);
        normalized = policy with { ForcedTls = rules, InternalDomains = internalDomains, ProtectingLabels = labels, Exceptions = grants };
        return errors.Count == 0;
    }

    /// <summary>`partner.com` or `*.college.edu`; the part after `*.` must be a valid domain.</summary>
    public static bool TryNormalizePattern(string? pattern, out string normalized, out string error)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Contains('@'))
        {
            error = "A domain (partner.com) or a wildcard for one label (*.college.edu).";
            return false;
        }

        var wildcard = pattern.StartsWith("*.", StringComparison.Ordinal);
        var rest = wildcard ? pattern[2..] : pattern;
        if (rest.Contains('*'))
        {
            error = "Only a leading '*.' wildcard is allowed.";
            return false;
        }

        if (!TryNormalizeDomain(rest, out var domain, out error))
        {
            return false;
        }

        normalized = wildcard ? "*." + domain : domain;
        return true;
    }

    private static List<ProtectingLabel> CheckLabels(IReadOnlyList<ProtectingLabel> labels, Action<PolicyField, int?, string> add)
    {
        if (labels.Count > MaxProtectingLabels)
        {
            add(PolicyField.ProtectingLabels, null, $"At most {MaxProtectingLabels} labels.");
        }

        var kept = new List<ProtectingLabel>();
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            var name = label?.Name?.Trim() ?? "";
            if (label is null || label.Id == Guid.Empty)
            {
                add(PolicyField.ProtectingLabelId, i, "The label's id (a GUID from the Purview portal).");
                continue;
            }

            if (name.Length is 0 or > MaxLabelNameLength || name.Any(char.IsControl))
            {
                add(PolicyField.ProtectingLabelName, i, $"The label's name, 1 to {MaxLabelNameLength} characters.");
            }
            else if (kept.Any(l => l.Id == label.Id))
            {
                add(PolicyField.ProtectingLabelId, i, $"'{label.Id}' is listed twice.");
            }

            kept.Add(label with { Name = name });
        }

        return kept;
    }

    private static List<ExceptionGrant> CheckExceptions(IReadOnlyList<ExceptionGrant> grants, Action<PolicyField, int?, string> add)
    {
        if (grants.Count > MaxExceptions)
        {
            add(PolicyField.Exceptions, null, $"At most {MaxExceptions} exceptions.");
        }

        var kept = new List<ExceptionGrant>();
        for (var i = 0; i < grants.Count; i++)
        {
            var grant = grants[i];
            if (grant is null || grant.Domain is null || grant.Domain.Contains('@') || !TryNormalizeDomain(grant.Domain, out var domain, out _))
            {
                add(PolicyField.ExceptionDomain, i, "A domain, not an address.");
                continue;
            }

            kept.Add(grant with { Domain = domain, ApprovedBy = grant.ApprovedBy ?? "" });
        }

        return kept;
    }

    /// <summary>A policy names domains on the internet: a single label (`partner`, `com`) is a name, but never one a
    /// recipient's mail is routed by, so it is refused here rather than silently matching nothing.</summary>
    private static bool TryNormalizeDomain(string? input, out string domain, out string error)
    {
        if (!DomainName.TryNormalizeDomain(input, out domain, out error))
        {
            return false;
        }

        if (ReservedNames.IsSingleLabel(domain))
        {
            error = "A domain needs at least two labels (like partner.com).";
            domain = "";
            return false;
        }

        return true;
    }

    private static void CheckRequiredLevel(PolicyField field, int? index, SecurityLevel level, Action<PolicyField, int?, string> add)
    {
        // unknown and no-mail are outcomes, not something a policy can require.
        if (level < SecurityLevel.Plaintext || !Enum.IsDefined(level))
        {
            add(field, index, "One of plaintext, encrypted, verified, enforced.");
        }
    }
}
