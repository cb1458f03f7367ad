using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Audit;

/// <summary>An audit entry as the API shows it (API.md).</summary>
public sealed record AuditEntryView(
    long Id,
    DateTimeOffset Time,
    string Sender,
    PolicyAction Decision,
    int PolicyVersion,
    IReadOnlyList<AuditDomainView> Domains,
    IReadOnlyList<string>? Recipients,
    AuditDecider DecidedBy = AuditDecider.Service,
    AuditKind Kind = AuditKind.Send,
    string? ProtectedByLabel = null,
    Guid? ExceptionId = null)
{
    public static AuditEntryView From(AuditEntry entry) => new(
        entry.Id, entry.Time, entry.Sender, entry.Decision, entry.PolicyVersion,
        entry.Domains.Select(d => new AuditDomainView(d.Domain, d.Level, d.RequiredLevel, d.Action, d.Decision, d.Internal, d.Findings, d.CheckedAt,
            d.AllowedBy, d.RuleDecision)).ToList(),
        entry.Recipients, entry.DecidedBy, entry.Kind, entry.ProtectedByLabel, entry.ExceptionId);
}

public sealed record AuditDomainView(
    string Domain,
    SecurityLevel? Level,
    SecurityLevel? RequiredLevel,
    PolicyAction Action,
    PolicyAction Decision,
    bool Internal,
    IReadOnlyList<string> Findings,
    DateTimeOffset? CheckedAt = null,
    Decisions.AllowedBy? AllowedBy = null,
    PolicyAction? RuleDecision = null);

public sealed record AuditPageView(IReadOnlyList<AuditEntryView> Items, int Page, int PageSize, int Total);
