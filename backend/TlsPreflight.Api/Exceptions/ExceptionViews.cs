using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Exceptions;

/// <summary>POST /api/v1/exceptions.</summary>
public sealed record ExceptionRequestBody(string? Domain, string? Reason);

/// <summary>POST /api/v1/exceptions/{id}/approve: how many days the exception lasts.</summary>
public sealed record ApproveBody(int Days);

/// <summary>POST /api/v1/exceptions/{id}/decline: an optional answer for the sender.</summary>
public sealed record DeclineBody(string? Answer);

/// <summary>A request as the API shows it (API.md "Exceptions").</summary>
public sealed record ExceptionView(
    Guid Id,
    string Requester,
    string Domain,
    SecurityLevel? Level,
    IReadOnlyList<string> Findings,
    string Reason,
    DateTimeOffset RequestedAt,
    ExceptionStatus Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Answer,
    DateTimeOffset? ExpiresAt,
    int? PolicyVersion)
{
    public static ExceptionView From(ExceptionRequest r) => new(r.Id, r.Requester, r.Domain, r.Level, r.Findings, r.Reason, r.RequestedAt,
        r.Status, r.DecidedBy, r.DecidedAt, r.Answer, r.ExpiresAt, r.PolicyVersion);
}
