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
    AuditDecider DecidedBy = AuditDecider.Service)
{
    public static AuditEntryView From(AuditEntry entry) => new(
        entry.Id, entry.Time, entry.Sender, entry.Decision, entry.PolicyVersion,
        entry.Domains.Select(d => new AuditDomainView(d.Domain, d.Level, d.RequiredLevel, d.Action, d.Decision, d.Internal, d.Findings, d.CheckedAt)).ToList(),
        entry.Recipients, entry.DecidedBy);
}

public sealed record AuditDomainView(
    string Domain,
    SecurityLevel? Level,
    SecurityLevel? RequiredLevel,
    PolicyAction Action,
    PolicyAction Decision,
    bool Internal,
    IReadOnlyList<string> Findings,
    DateTimeOffset? CheckedAt = null);

public sealed record AuditPageView(IReadOnlyList<AuditEntryView> Items, int Page, int PageSize, int Total);
