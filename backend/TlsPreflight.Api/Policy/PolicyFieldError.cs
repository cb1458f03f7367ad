namespace TlsPreflight.Api.Policy;

/// <summary>The policy fields <see cref="PolicyValidator"/> can refuse.</summary>
public enum PolicyField
{
    DefaultRequiredLevel,
    ForcedTls,
    ForcedTlsRule,
    ForcedTlsRequiredLevel,
    ForcedTlsWhenUnknown,
    ForcedTlsPattern,
    InternalDomains,
    InternalDomain,
    RetentionDays,
    ProtectingLabels,
    ProtectingLabelId,
    ProtectingLabelName,
    Exceptions,
    ExceptionDomain,
}

/// <summary>One refusal: the field, the list position for the fields of a list entry, and the message.</summary>
public sealed record PolicyFieldError(PolicyField Field, int? Index, string Message)
{
    /// <summary>The field as the API's JSON names it, e.g. <c>forcedTls[0].pattern</c> (RFC 9457 `errors` key).</summary>
    public string Key => Field switch
    {
        PolicyField.DefaultRequiredLevel => "defaultRule.requiredLevel",
        PolicyField.ForcedTls => "forcedTls",
        PolicyField.ForcedTlsRule => $"forcedTls[{Index}]",
        PolicyField.ForcedTlsRequiredLevel => $"forcedTls[{Index}].requiredLevel",
        PolicyField.ForcedTlsWhenUnknown => $"forcedTls[{Index}].whenUnknown",
        PolicyField.ForcedTlsPattern => $"forcedTls[{Index}].pattern",
        PolicyField.InternalDomains => "internalDomains",
        PolicyField.InternalDomain => $"internalDomains[{Index}]",
        PolicyField.RetentionDays => "audit.retentionDays",
        PolicyField.ProtectingLabels => "protectingLabels",
        PolicyField.ProtectingLabelId => $"protectingLabels[{Index}].id",
        PolicyField.ProtectingLabelName => $"protectingLabels[{Index}].name",
        PolicyField.Exceptions => "exceptions",
        PolicyField.ExceptionDomain => $"exceptions[{Index}].domain",
        _ => Field.ToString(),
    };
}

/// <summary>What <see cref="PolicyValidator"/> refused, in the order found.</summary>
public sealed class PolicyFieldErrors(IReadOnlyList<PolicyFieldError> all)
{
    public IReadOnlyList<PolicyFieldError> All { get; } = all;

    public int Count => All.Count;

    /// <summary>The API's field names, in the order first refused.</summary>
    public IEnumerable<string> Keys => All.Select(e => e.Key).Distinct();

    /// <summary>The RFC 9457 validation problem's `errors`: messages grouped by API field name.</summary>
    public Dictionary<string, string[]> ToProblemErrors()
        => All.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
