namespace TlsPreflight.Api.Policy;

/// <summary>Internal domains as the API shows them: the admin's list and those read from the directory.</summary>
public sealed record InternalDomainsDocument(IReadOnlyList<string> Manual, IReadOnlyList<string>? Directory = null);

/// <summary>The policy as GET returns it and PUT takes it (API.md). On PUT, version, updatedBy, updatedAt and
/// internalDomains.directory are accepted and ignored, so a client can send back what it read. protectingLabels and
/// exceptions left out (null) keep the current ones, so a client that does not know them cannot wipe them.</summary>
public sealed record PolicyDocument(
    FailMode FailMode,
    PolicyRule DefaultRule,
    IReadOnlyList<ForcedTlsRule> ForcedTls,
    InternalDomainsDocument InternalDomains,
    AuditSettings Audit,
    int? Version = null,
    string? UpdatedBy = null,
    DateTimeOffset? UpdatedAt = null,
    IReadOnlyList<ProtectingLabel>? ProtectingLabels = null,
    IReadOnlyList<ExceptionGrant>? Exceptions = null)
{
    public static PolicyDocument From(PolicyVersion version, IReadOnlyList<string> directoryDomains) => new(
        version.Policy.FailMode,
        version.Policy.DefaultRule,
        version.Policy.ForcedTls,
        new InternalDomainsDocument(version.Policy.InternalDomains, directoryDomains),
        version.Policy.Audit,
        version.Version,
        version.UpdatedBy,
        version.UpdatedAt,
        version.Policy.Labels,
        version.Policy.Grants);

    public TenantPolicy ToPolicy(TenantPolicy current)
        => new(FailMode, DefaultRule, ForcedTls, InternalDomains.Manual, Audit, ProtectingLabels ?? current.Labels, Exceptions ?? current.Grants);
}

/// <summary>One saved version in the history.</summary>
public sealed record PolicyHistoryItem(int Version, string? UpdatedBy, DateTimeOffset? UpdatedAt, TenantPolicy Policy);
