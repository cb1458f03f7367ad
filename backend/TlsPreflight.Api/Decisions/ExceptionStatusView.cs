using TlsPreflight.Api.Exceptions;

namespace TlsPreflight.Api.Decisions;

/// <summary>The sender's own latest request for a domain, as the task pane shows it ("requested", or the answer).</summary>
public sealed record ExceptionStatusView(Guid Id, ExceptionStatus Status, DateTimeOffset RequestedAt, string? Answer, DateTimeOffset? ExpiresAt)
{
    public static ExceptionStatusView From(ExceptionRequest r) => new(r.Id, r.Status, r.RequestedAt, r.Answer, r.ExpiresAt);
}
