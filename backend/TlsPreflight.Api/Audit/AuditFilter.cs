using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.Audit;

/// <summary>Which audit entries to read; every field optional. Domain and sender are exact, lower case.</summary>
public sealed record AuditFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    PolicyAction? Decision = null,
    string? Domain = null,
    string? Sender = null);

/// <summary>One page of audit entries, newest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Page, int PageSize, int Total);

/// <summary>Counts for the admin page's charts.</summary>
public sealed record AuditStats(
    IReadOnlyList<AuditDayCount> PerDay,
    IReadOnlyList<WeakDomainCount> WeakDomains,
    IReadOnlyDictionary<string, int> Levels);

public sealed record AuditDayCount(DateOnly Date, int Allow, int Warn, int Block);

public sealed record WeakDomainCount(string Domain, int Count);
