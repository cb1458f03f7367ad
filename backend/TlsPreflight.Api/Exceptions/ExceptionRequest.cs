using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Exceptions;

/// <summary>Where a sender's request for an exception stands.</summary>
public enum ExceptionStatus
{
    Pending = 0,
    Approved = 1,
    Declined = 2,
}

/// <summary>A sender's request to send to a stopped domain anyway (POST /api/v1/exceptions), with what was known of
/// the domain when it was asked and the admin's answer. Tenant-scoped like everything else.</summary>
public sealed class ExceptionRequest
{
    public Guid Id { get; set; }
    public required string TenantId { get; set; }
    /// <summary>The signed-in sender, lower case.</summary>
    public required string Requester { get; set; }
    public required string Domain { get; set; }
    /// <summary>The domain's level and findings when the request was made.</summary>
    public SecurityLevel? Level { get; set; }
    public List<string> Findings { get; set; } = [];
    public required string Reason { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public ExceptionStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>The admin's optional answer to the sender.</summary>
    public string? Answer { get; set; }
    /// <summary>Approved: when the exception stops applying.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>Approved: the policy version that holds the exception.</summary>
    public int? PolicyVersion { get; set; }
}
