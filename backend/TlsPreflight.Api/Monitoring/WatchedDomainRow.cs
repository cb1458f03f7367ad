using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Monitoring;

/// <summary>One watched domain, shared by every tenant that watches it (checked once), with its current posture
/// and the lease that gives its next re-check to exactly one instance.</summary>
public sealed class WatchedDomainRow
{
    public required string Domain { get; set; }
    public DateTimeOffset NextCheck { get; set; }
    /// <summary>The instance that claimed the re-check, until <see cref="LeaseUntil"/>.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public SecurityLevel? Level { get; set; }
    public DateTimeOffset? LastChecked { get; set; }
}
