namespace TlsPreflight.Api.Storage;

/// <summary>A saved policy version; (TenantId, Version) is the key, so two saves of the same version cannot both win.</summary>
public sealed class PolicyVersionRow
{
    public required string TenantId { get; set; }
    public int Version { get; set; }
    /// <summary>The <see cref="Policy.TenantPolicy"/> as JSON: its shape changes without a migration.</summary>
    public required string PolicyJson { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
