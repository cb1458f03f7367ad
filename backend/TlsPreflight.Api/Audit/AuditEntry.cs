using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Audit;

/// <summary>Who made the decision Outlook acted on.</summary>
public enum AuditDecider
{
    /// <summary>The service, answering the send-time request.</summary>
    Service = 0,

    /// <summary>The add-in, from results it already had (API.md `POST /api/v1/assessments/shown`).</summary>
    AddinFromKnownResults = 1,
}

/// <summary>One send-time decision: the one Outlook acted on. Append-only: never updated once written.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public DateTimeOffset Time { get; set; }
    /// <summary>The signed-in sender (token `preferred_username`), lower case.</summary>
    public required string Sender { get; set; }
    public PolicyAction Decision { get; set; }
    public AuditDecider DecidedBy { get; set; }
    public int PolicyVersion { get; set; }
    /// <summary>Full recipient addresses, only when the tenant turned that on; else null.</summary>
    public List<string>? Recipients { get; set; }
    public List<AuditDomain> Domains { get; set; } = [];
}

/// <summary>One recipient domain of an audited decision.</summary>
public sealed class AuditDomain
{
    public long Id { get; set; }
    public long AuditEntryId { get; set; }
    public required string Domain { get; set; }
    /// <summary>Null for internal domains, which are not assessed.</summary>
    public SecurityLevel? Level { get; set; }
    public SecurityLevel? RequiredLevel { get; set; }
    public PolicyAction Action { get; set; }
    public PolicyAction Decision { get; set; }
    public bool Internal { get; set; }
    public List<string> Findings { get; set; } = [];
    /// <summary>When the result the decision used was checked (null for internal domains and bad entries).</summary>
    public DateTimeOffset? CheckedAt { get; set; }
}
