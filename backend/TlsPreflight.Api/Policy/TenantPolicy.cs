using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Policy;

/// <summary>What to do when a recipient domain is below its required level.</summary>
public enum PolicyAction
{
    Allow = 0,
    Warn = 1,
    Block = 2,
}

/// <summary>How `unknown` results under the default rule (and an unreachable backend, in the add-in) are treated:
/// open = warn (delivery first), safe = block (security first). Forced-TLS rules have their own `whenUnknown`.</summary>
public enum FailMode
{
    Open = 0,
    Safe = 1,
}

/// <summary>A required level and the action taken below it.</summary>
public sealed record PolicyRule(SecurityLevel RequiredLevel, PolicyAction Action);

/// <summary>A forced-TLS entry: `partner.com` (exactly that domain) or `*.college.edu`
/// (exactly one label left of college.edu, as the RFC 8461 §4.1 wildcard). <paramref name="WhenUnknown"/> decides a
/// result that is `unknown` (including the send-time deadline) instead of the tenant's fail mode: forced TLS means
/// security before delivery, so it blocks unless the admin says otherwise (also for rules saved before it existed).</summary>
public sealed record ForcedTlsRule(string Pattern, SecurityLevel RequiredLevel, PolicyAction Action, PolicyAction WhenUnknown = PolicyAction.Block);

/// <summary>Audit settings of a tenant.</summary>
public sealed record AuditSettings(bool StoreRecipientAddresses, int RetentionDays);

/// <summary>The admin-editable part of a tenant's policy (what PUT /api/v1/policy takes).</summary>
public sealed record TenantPolicy(
    FailMode FailMode,
    PolicyRule DefaultRule,
    IReadOnlyList<ForcedTlsRule> ForcedTls,
    IReadOnlyList<string> InternalDomains,
    AuditSettings Audit)
{
    /// <summary>A new tenant starts here: required `encrypted`, action `warn`, fail open (issue 3).</summary>
    public static TenantPolicy Default { get; } = new(
        FailMode.Open,
        new PolicyRule(SecurityLevel.Encrypted, PolicyAction.Warn),
        [],
        [],
        new AuditSettings(StoreRecipientAddresses: false, RetentionDays: 90));
}

/// <summary>A saved version of a tenant's policy. Version 0 is the unsaved default.</summary>
public sealed record PolicyVersion(
    string TenantId,
    int Version,
    TenantPolicy Policy,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt);
